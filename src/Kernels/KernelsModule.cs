using System.Runtime.CompilerServices;
using Tessera.Kernels.OpenCL;

namespace Tessera.Kernels;

/// <summary>Runs when Tessera.Kernels loads: registers the GPU backends' device probes with Core.</summary>
internal static class KernelsModule
{
    // Core cannot reference Kernels, so this is the documented seam (DeviceCatalog loads this
    // assembly and runs its module constructor before probing): a library initializer on purpose.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => DeviceCatalog.RegisterProbe(OpenClProbe);

    // OpenCL devices as Core lists them; the driver query runs once (OpenClDevice caches it).
    private static IEnumerable<DeviceInfo> OpenClProbe() => OpenClDevice.Present.Select(d =>
        new DeviceInfo(Device.OpenCL(d.Index), $"{d.Name} ({d.PlatformName})", d.GlobalMemoryBytes, d.IsGpu));
}
