using System.Runtime.CompilerServices;
using Tessera.Kernels;

namespace Tessera;

/// <summary>
/// Wires the layers together when the facade loads. Core lists devices only through the probes
/// backends register (it does not reach into Tessera.Kernels), so the facade, which references
/// every layer, registers the Kernels backends here: a program that touches the facade (e.g.
/// <see cref="TesseraInfo"/>) sees every device in <see cref="Device.Available"/> from then on.
/// </summary>
internal static class FacadeModule
{
#pragma warning disable CA2255 // Wiring layers at load is the facade's one job.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => KernelBackends.Register();
}
