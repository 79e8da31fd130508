using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cuda;

/// <summary>Registers the CUDA device probe with Core's catalog when Tessera.Kernels loads.</summary>
internal static class CudaModuleInit
{
#pragma warning disable CA2255 // Registering a backend at load is exactly what module initializers are for.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => DeviceCatalog.RegisterProbe(CudaProbe.Devices);
}
