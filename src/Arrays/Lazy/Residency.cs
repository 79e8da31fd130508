using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// Where blocks live. Kernel tasks (elementwise, reductions, GEMM) leave their blocks on the run's
/// device, so two device steps in a row never touch the host; host steps (copying regions,
/// transposing, gathering, merging reduction partials) bring their inputs to the host with
/// <see cref="ToHost"/> and hand their result back with <see cref="ToBackend"/>. On the CPU both
/// are the identity.
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
        var copy = CpuBuffer.Allocate(block.DType, [.. block.Shape]);
        var backend = ComputeBackends.For(block.Device);
        switch (copy)
        {
            case CpuBuffer<float> f: backend.CopyToHost(block, f.Span); break;
            case CpuBuffer<double> d: backend.CopyToHost(block, d.Span); break;
            case CpuBuffer<int> i: backend.CopyToHost(block, i.Span); break;
            case CpuBuffer<long> l: backend.CopyToHost(block, l.Span); break;
            case CpuBuffer<bool> b: backend.CopyToHost(block, b.Span); break;
            default: throw new NotSupportedException($"Cannot bring {block.DType} blocks to the host.");
        }
        return copy;
    }

    /// <summary><paramref name="block"/> on <paramref name="backend"/>'s device: itself when already there, else a copy.</summary>
    public static IDeviceBuffer ToBackend(IComputeBackend backend, IDeviceBuffer block)
    {
        if (block.Device == backend.Device)
        {
            return block;
        }
        var host = ToHost(block);
        var moved = backend.Allocate(host.DType, [.. host.Shape]);
        switch (host)
        {
            case CpuBuffer<float> f: backend.CopyFromHost<float>(f.Span, moved); break;
            case CpuBuffer<double> d: backend.CopyFromHost<double>(d.Span, moved); break;
            case CpuBuffer<int> i: backend.CopyFromHost<int>(i.Span, moved); break;
            case CpuBuffer<long> l: backend.CopyFromHost<long>(l.Span, moved); break;
            case CpuBuffer<bool> b: backend.CopyFromHost<bool>(b.Span, moved); break;
            default: throw new NotSupportedException($"Cannot move {host.DType} blocks to {backend.Device}.");
        }
        return moved;
    }
}
