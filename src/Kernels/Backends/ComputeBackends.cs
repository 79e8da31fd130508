using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Backends;

/// <summary>Resolves a <see cref="Tessera.Device"/> descriptor to the backend that runs on it.</summary>
internal static class ComputeBackends
{
    /// <exception cref="NotSupportedException">The CUDA or OpenCL device is absent (no driver, or no such index); the message says why.</exception>
    public static IComputeBackend For(Device? device)
    {
        var d = device ?? Device.Default;
        return d.Kind switch
        {
            DeviceKind.Cpu => CpuBackend.Instance,
            DeviceKind.Cuda => Cuda.CudaBackend.For(d.Index),
            DeviceKind.OpenCL => OpenCL.OpenClBackend.For(d.Index),
            DeviceKind.IlGpuCpu => IlGpu.IlGpuBackend.For(d),
            _ => throw new ArgumentOutOfRangeException(nameof(device), d, "Unknown device kind."),
        };
    }
}
