using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Backends;

/// <summary>Resolves a <see cref="Tessera.Device"/> descriptor to the backend that runs on it.</summary>
internal static class ComputeBackends
{
    /// <exception cref="NotSupportedException">The device's backend is not built yet (CUDA, OpenCL).</exception>
    public static IComputeBackend For(Device? device)
    {
        var d = device ?? Device.Default;
        return d.Kind switch
        {
            DeviceKind.Cpu => CpuBackend.Instance,
            DeviceKind.Cuda => Cuda.CudaBackend.For(d.Index),
            DeviceKind.OpenCL => throw NotBuilt(d, "OpenCL"),
            _ => throw new ArgumentOutOfRangeException(nameof(device), d, "Unknown device kind."),
        };
    }

    private static NotSupportedException NotBuilt(Device device, string name) => new(
        $"Device '{device}' needs the {name} backend, which is not built yet (it comes with the GPU " +
        $"backends). Use Device.Cpu, or unset {Device.EnvironmentVariable} / ComputeOptions.Device.");
}
