using Tessera.Kernels.Backends;
using Tessera.Kernels.Types;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// The host versions of the block copies (<see cref="IComputeBackend.CopyRegion"/>,
/// <see cref="IComputeBackend.Permute"/>, <see cref="IComputeBackend.Gather"/>): the CPU backend
/// runs them on its buffers, and the default implementations run them on host copies of device
/// buffers. Arguments are checked by the callers (<see cref="CopyChecks"/>).
/// </summary>
internal static class HostBlockCopies
{
    /// <summary>Copies the box of <paramref name="extent"/> at <paramref name="sourceStart"/> to <paramref name="targetStart"/>.</summary>
    public static void Region(CpuBuffer source, int[] sourceStart, CpuBuffer target, int[] targetStart, int[] extent)
    {
        ElementTypeSwitch.Visit<RegionCopy, bool>(source.DType, new(source, sourceStart, target, targetStart, extent));
    }

    /// <summary>target[i0, …] = source[i at axes]: output axis d is source axis <paramref name="axes"/>[d].</summary>
    public static void Permute(CpuBuffer source, CpuBuffer target, int[] axes)
    {
        ElementTypeSwitch.Visit<PermuteCopy, bool>(source.DType, new(source, target, axes));
    }

    /// <summary>target[places[0][i0], …] = source[picks[0][i0], …] for every combination.</summary>
    public static void Gather(CpuBuffer source, IReadOnlyList<AxisPositions> picks, CpuBuffer target, IReadOnlyList<AxisPositions> places)
    {
        ElementTypeSwitch.Visit<GatherCopy, bool>(source.DType, new(source, picks, target, places));
    }

    /// <summary>The same elements under <paramref name="shape"/> (a view: no copy).</summary>
    public static CpuBuffer Reshape(CpuBuffer block, int[] shape) =>
        ElementTypeSwitch.Visit<ReshapeView, CpuBuffer>(block.DType, new(block, shape));

    // One visitor per copy: the element type becomes a type parameter once per call.
    private readonly struct RegionCopy(CpuBuffer source, int[] sourceStart, CpuBuffer target, int[] targetStart, int[] extent)
        : IElementTypeVisitor<bool>
    {
        public bool Visit<T>() where T : unmanaged
        {
            Region((CpuBuffer<T>)source, sourceStart, (CpuBuffer<T>)target, targetStart, extent);
            return true;
        }
    }

    private readonly struct PermuteCopy(CpuBuffer source, CpuBuffer target, int[] axes) : IElementTypeVisitor<bool>
    {
        public bool Visit<T>() where T : unmanaged
        {
            Permute((CpuBuffer<T>)source, (CpuBuffer<T>)target, axes);
            return true;
        }
    }

    private readonly struct GatherCopy(CpuBuffer source, IReadOnlyList<AxisPositions> picks, CpuBuffer target, IReadOnlyList<AxisPositions> places)
        : IElementTypeVisitor<bool>
    {
        public bool Visit<T>() where T : unmanaged
        {
            Gather((CpuBuffer<T>)source, picks, (CpuBuffer<T>)target, places);
            return true;
        }
    }

    private readonly struct ReshapeView(CpuBuffer block, int[] shape) : IElementTypeVisitor<CpuBuffer>
    {
        public CpuBuffer Visit<T>() where T : unmanaged
        {
            var typed = (CpuBuffer<T>)block;
            return CpuBuffer.Wrap(typed.Array, typed.Offset, shape);
        }
    }

    private static void Region<T>(CpuBuffer<T> source, int[] sourceStart, CpuBuffer<T> target, int[] targetStart, int[] extent)
    {
        var rank = extent.Length;
        if (extent.Any(e => e == 0))
        {
            return;
        }
        var from = source.Span;
        var to = target.Span;
        // Whole runs along the last axis; an odometer over the others.
        var run = rank == 0 ? 1 : extent[rank - 1];
        var index = new int[rank];
        while (true)
        {
            long s = 0, t = 0;
            for (var d = 0; d < rank; d++)
            {
                s = (s * source.Shape[d]) + sourceStart[d] + index[d];
                t = (t * target.Shape[d]) + targetStart[d] + index[d];
            }
            from.Slice((int)s, run).CopyTo(to.Slice((int)t, run));
            var axis = rank - 2;
            for (; axis >= 0 && ++index[axis] == extent[axis]; axis--)
            {
                index[axis] = 0;
            }
            if (axis < 0)
            {
                return;
            }
        }
    }

    /// <summary>Walks the output in order, reading the source through permuted strides.</summary>
    private static void Permute<T>(CpuBuffer<T> source, CpuBuffer<T> target, int[] permutation)
    {
        var rank = permutation.Length;
        var sourceStrides = Strides(source.Shape);
        var strides = permutation.Select(p => sourceStrides[p]).ToArray();
        var from = source.Span;
        var to = target.Span;
        var index = new int[rank];
        long offset = 0;
        for (var i = 0; i < to.Length; i++)
        {
            to[i] = from[(int)offset];
            for (var d = rank - 1; d >= 0; d--)
            {
                offset += strides[d];
                if (++index[d] < target.Shape[d])
                {
                    break;
                }
                offset -= strides[d] * index[d];
                index[d] = 0;
            }
        }
    }

    private static void Gather<T>(CpuBuffer<T> source, IReadOnlyList<AxisPositions> picks, CpuBuffer<T> target, IReadOnlyList<AxisPositions> places)
    {
        var rank = picks.Count;
        if (picks.Any(p => p.Count == 0))
        {
            return;
        }
        var from = source.Span;
        var to = target.Span;
        if (rank == 0)
        {
            to[0] = from[0];
            return;
        }
        var sourceStrides = Strides(source.Shape);
        var targetStrides = Strides(target.Shape);
        var last = rank - 1;
        var lastPicks = picks[last];
        var lastPlaces = places[last];
        // Slices with step 1 copy whole runs of the last axis; other steps go element by element.
        var run = lastPicks.IsRun && lastPlaces.IsRun;
        var index = new int[last];
        while (true)
        {
            long s = 0, t = 0;
            for (var d = 0; d < last; d++)
            {
                s += picks[d][index[d]] * sourceStrides[d];
                t += places[d][index[d]] * targetStrides[d];
            }
            if (run)
            {
                from.Slice((int)s + lastPicks[0], lastPicks.Count).CopyTo(to.Slice((int)t + lastPlaces[0], lastPicks.Count));
            }
            else
            {
                for (var k = 0; k < lastPicks.Count; k++)
                {
                    to[(int)t + lastPlaces[k]] = from[(int)s + lastPicks[k]];
                }
            }
            var axis = last - 1;
            for (; axis >= 0 && ++index[axis] == picks[axis].Count; axis--)
            {
                index[axis] = 0;
            }
            if (axis < 0)
            {
                return;
            }
        }
    }

    /// <summary>Row-major strides of <paramref name="shape"/>, in elements.</summary>
    public static long[] Strides(IReadOnlyList<int> shape)
    {
        var strides = new long[shape.Count];
        long stride = 1;
        for (var d = shape.Count - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= shape[d];
        }
        return strides;
    }
}
