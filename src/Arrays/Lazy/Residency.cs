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
    private static long _deviceToHost;

    /// <summary>
    /// How many device blocks <see cref="ToHost"/> has copied to host memory in this process: tests
    /// check that device steps (transposes, rechunks, gathers) leave their blocks on the device.
    /// </summary>
    public static long DeviceToHostCopies => Interlocked.Read(ref _deviceToHost);

    /// <summary><paramref name="block"/> itself when it is in host memory, else a host copy of it.</summary>
    public static CpuBuffer ToHost(IDeviceBuffer block)
    {
        if (block is CpuBuffer host)
        {
            return host;
        }
        Interlocked.Increment(ref _deviceToHost);
        return HostCopies.Of(block, ComputeBackends.For(block.Device));
    }

    /// <summary>
    /// Frees <paramref name="temporary"/>, a device copy made for one step (an upload of
    /// <paramref name="original"/>, or a reshaped copy), once the work reading it has run. Host
    /// buffers and the original itself are left alone: host views share the original's memory.
    /// </summary>
    public static void Release(IComputeBackend backend, IDeviceBuffer temporary, IDeviceBuffer original)
    {
        if (ReferenceEquals(temporary, original) || temporary is CpuBuffer)
        {
            return;
        }
        backend.Synchronize();
        backend.Free(temporary);
    }

    /// <summary>
    /// The backend a copying step (transpose, rechunk, gather) runs on: the host's when every block
    /// it reads is in host memory (copy there, then move the result once, as before device copies
    /// existed), else the run's <paramref name="backend"/>, so device blocks are copied on the device
    /// and never make a round trip through the host.
    /// </summary>
    public static IComputeBackend CopierFor(IComputeBackend backend, ReadOnlySpan<object?> blocks)
    {
        foreach (var block in blocks)
        {
            if (block is not CpuBuffer)
            {
                return backend;
            }
        }
        return CpuBackend.Instance;
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
