using System.Runtime.CompilerServices;
using Tessera.Kernels.Cuda;
using Tessera.Kernels.OpenCL;

namespace Tessera.Kernels;

/// <summary>
/// The GPU backends' device probes, and their registration with Core's <see cref="DeviceCatalog"/>
/// (Core cannot reference this assembly). The facade calls <see cref="Register"/> when it loads,
/// and this assembly does so itself when it loads, so any use of a kernel lists the devices too.
/// </summary>
public static class KernelBackends
{
    /// <summary>One probe per backend (CUDA, OpenCL), so a broken driver hides only its own devices.</summary>
    public static IReadOnlyList<IDeviceProbe> DeviceProbes { get; } = [new CudaDevices(), new OpenClDevices()];

    /// <summary>Registers <see cref="DeviceProbes"/> with <see cref="DeviceCatalog"/>; calling it again does nothing.</summary>
    public static void Register()
    {
        foreach (var probe in DeviceProbes)
        {
            DeviceCatalog.Register(probe);
        }
    }

    /// <summary>CUDA devices; the driver is queried once (<see cref="CudaProbe"/> caches it).</summary>
    private sealed class CudaDevices : IDeviceProbe
    {
        public IEnumerable<DeviceInfo> Devices() => CudaProbe.Devices();
    }

    /// <summary>OpenCL devices as Core lists them; the driver query runs once (OpenClDevice caches it).</summary>
    private sealed class OpenClDevices : IDeviceProbe
    {
        public IEnumerable<DeviceInfo> Devices() => OpenClDevice.Present.Select(d =>
            new DeviceInfo(Device.OpenCL(d.Index), $"{d.Name} ({d.PlatformName})", d.GlobalMemoryBytes, d.IsGpu));
    }
}

/// <summary>Runs when Tessera.Kernels loads: registers the backends' device probes with Core.</summary>
internal static class KernelsModule
{
    // Registering a backend at load is what module initializers are for: whatever first touches a
    // kernel (an array computation, a backend lookup) has the devices listed before it asks.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => KernelBackends.Register();
}
