using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Structure;

/// <summary>
/// The one per-block kernel of the structural operations: copies the elements of a host block
/// at chosen positions per axis into chosen positions of another block of the same rank.
/// Slicing (with any step), flipping, taking and broadcasting only differ in the positions.
/// </summary>
internal static class HostGather
{
    /// <summary>
    /// Copies source[picks[0][i0], …, picks[r-1][ir]] to target[places[0][i0], …, places[r-1][ir]]
    /// for every combination (picks[d] and places[d] have equal counts).
    /// </summary>
    public static void Copy(IDeviceBuffer source, AxisPositions[] picks, IDeviceBuffer target, AxisPositions[] places) =>
        HostPair.Run(source, target, new Gather(picks, places), "Slicing and reshaping");

    private readonly struct Gather(AxisPositions[] picks, AxisPositions[] places) : IHostPairAction
    {
        public void Run<T>(CpuBuffer<T> source, CpuBuffer<T> target) => Copy(source, picks, target, places);
    }

    private static void Copy<T>(CpuBuffer<T> source, AxisPositions[] picks, CpuBuffer<T> target, AxisPositions[] places)
    {
        var rank = picks.Length;
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

    private static long[] Strides(IReadOnlyList<int> shape)
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
