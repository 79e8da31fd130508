using System.Runtime.CompilerServices;
using Tessera.Kernels.IlGpu;

namespace Tessera.Kernels;

/// <summary>
/// The GPU backends' device probe, and its registration with Core's <see cref="DeviceCatalog"/>
/// (Core cannot reference this assembly). The facade calls <see cref="Register"/> when it loads,
/// and this assembly does so itself when it loads, so any use of a kernel lists the devices too.
/// </summary>
public static class KernelBackends
{
    /// <summary>
    /// The probes: one for ILGPU, which lists its CUDA, OpenCL and CPU accelerators and records why
    /// CUDA or OpenCL is absent (each probed on its own, so a broken driver hides only its own devices).
    /// </summary>
    public static IReadOnlyList<IDeviceProbe> DeviceProbes { get; } = [IlGpuProbe.Instance];

    /// <summary>Registers <see cref="DeviceProbes"/> with <see cref="DeviceCatalog"/>; calling it again does nothing.</summary>
    public static void Register()
    {
        foreach (var probe in DeviceProbes)
        {
            DeviceCatalog.Register(probe);
        }
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
