using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// Where blocks live. Kernel tasks (elementwise, reductions, GEMM) leave their blocks on the run's
/// device, so two device steps in a row never touch the host; host steps (copying regions,
/// transposing, gathering, merging reduction partials) bring their inputs to the host with
/// <see cref="ToHost"/> and hand their result back with <see cref="ToBackend"/>. On the CPU both
/// are the identity. (A block the scheduler moved to host because its device was over
/// <see cref="ComputeOptions.DeviceMemoryLimit"/> is put back on its device by the scheduler before
/// the task that reads it starts, so tasks see the blocks they would see without a limit.)
/// </summary>
internal static class Residency
{
    /// <summary><paramref name="block"/> itself when it is in host memory, else a host copy of it.</summary>
    public static CpuBuffer ToHost(IDeviceBuffer block)
    {
        if (block is CpuBuffer host)
        {
            return host;
        }
        return HostCopies.Of(block, ComputeBackends.For(block.Device));
    }

    /// <summary><paramref name="block"/> on <paramref name="backend"/>'s device: itself when already there, else a copy.</summary>
    public static IDeviceBuffer ToBackend(IComputeBackend backend, IDeviceBuffer block)
    {
        if (block.Device == backend.Device)
        {
            return block;
        }
        return HostCopies.ToDevice(backend, ToHost(block));
    }
}
