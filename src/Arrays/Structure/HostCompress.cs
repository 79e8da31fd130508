using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Structure;

/// <summary>
/// One block of a boolean selection: the positions along one axis where the mask's block is
/// true, kept in order; everything before and after the axis is carried whole. The result's
/// length on the axis is the mask's count of true values, known only now.
/// A host step: blocks on a device come to the host, and the result goes back.
/// </summary>
internal static class HostCompress
{
    public static IDeviceBuffer Run(IComputeBackend backend, IDeviceBuffer block, IDeviceBuffer maskBlock, int axis)
    {
        var mask = (CpuBuffer<bool>)Residency.ToHost(maskBlock);
        var host = Residency.ToHost(block);
        IDeviceBuffer result = Kernels.Types.ElementTypeSwitch.Visit<Compression, CpuBuffer>(host.DType, new(host, mask, axis));
        return Residency.ToBackend(backend, result);
    }

    private readonly struct Compression(IDeviceBuffer host, CpuBuffer<bool> mask, int axis) : Kernels.Types.IElementTypeVisitor<CpuBuffer>
    {
        public CpuBuffer Visit<T>() where T : unmanaged => Compress((CpuBuffer<T>)host, mask, axis);
    }

    private static CpuBuffer<T> Compress<T>(CpuBuffer<T> block, CpuBuffer<bool> mask, int axis) where T : unmanaged
    {
        var shape = block.Shape.ToArray();
        if (mask.Length != shape[axis])
        {
            throw new InvalidOperationException(
                $"A mask block of {mask.Length} values meets a block of {shape[axis]} positions on axis {axis}: the mask and the " +
                "array were cut differently at run time (masked by different masks?). Call ComputeChunkSizes() on both first.");
        }
        var keep = mask.Span;
        var kept = 0;
        foreach (var k in keep)
        {
            kept += k ? 1 : 0;
        }
        var outer = shape[..axis].Aggregate(1, (a, b) => a * b);
        var inner = shape[(axis + 1)..].Aggregate(1, (a, b) => a * b);
        shape[axis] = kept;
        var result = (CpuBuffer<T>)CpuBuffer.Allocate(block.DType, shape);
        var from = block.Span;
        var to = result.Span;
        var length = keep.Length;
        var written = 0;
        for (var o = 0; o < outer; o++)
        {
            // Runs of consecutive kept positions are one copy each, not one per position.
            for (var p = 0; p < length;)
            {
                if (!keep[p])
                {
                    p++;
                    continue;
                }
                var end = p + 1;
                while (end < length && keep[end])
                {
                    end++;
                }
                var run = (end - p) * inner;
                from.Slice(((o * length) + p) * inner, run).CopyTo(to.Slice(written, run));
                written += run;
                p = end;
            }
        }
        return result;
    }
}
