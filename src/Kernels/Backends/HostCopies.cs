using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Backends;

/// <summary>Copies between device buffers and host memory: what host steps read, and how the device tier moves results to host and back.</summary>
internal static class HostCopies
{
    /// <summary>A new host buffer holding <paramref name="block"/>'s elements, read through <paramref name="backend"/> (its owner).</summary>
    public static CpuBuffer Of(IDeviceBuffer block, IComputeBackend backend)
    {
        var copy = CpuBuffer.Allocate(block.DType, [.. block.Shape]);
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

    /// <summary>A new buffer of <paramref name="backend"/> holding <paramref name="host"/>'s elements.</summary>
    public static IDeviceBuffer ToDevice(IComputeBackend backend, CpuBuffer host)
    {
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

    /// <summary>
    /// <paramref name="hostCopy"/> (what <see cref="IDeviceResident.CopyToHost"/> returned, possibly after a
    /// round trip through a spill file) on <paramref name="backend"/>'s device, as a new buffer.
    /// </summary>
    public static IDeviceResident Restore(IComputeBackend backend, ISpillable hostCopy) => hostCopy is CpuBuffer host
        ? (IDeviceResident)ToDevice(backend, host)
        : throw new ArgumentException(
            $"A device buffer is restored from the host buffer its CopyToHost made; got {hostCopy.GetType().Name}. " +
            "Pass the value CopyToHost returned.", nameof(hostCopy));
}
