using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Backends;

/// <summary>Resolves a <see cref="Tessera.Device"/> descriptor to the backend that runs on it.</summary>
internal static class ComputeBackends
{
    /// <exception cref="NotSupportedException">The CUDA or OpenCL device is absent (no driver, an unsupported device, or no such index); the message says why.</exception>
    public static IComputeBackend For(Device? device)
    {
        var d = device ?? Device.Default;
        return d.Kind switch
        {
            DeviceKind.Cpu => CpuBackend.Instance,
            // One GPU backend, ILGPU, for every accelerator kind: its CUDA and OpenCL accelerators,
            // and its CPU accelerator (an emulator) for tests.
            DeviceKind.Cuda or DeviceKind.OpenCL or DeviceKind.IlGpuCpu => IlGpu.IlGpuBackend.For(d),
            _ => throw new ArgumentOutOfRangeException(nameof(device), d, "Unknown device kind."),
        };
    }
}
