using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;

namespace Tessera.Arrays.Lazy;

/// <summary>Copies the overlap of two host blocks placed at given offsets in the same array.</summary>
internal static class BlockCopy
{
    public static void Region(IDeviceBuffer source, long[] sourceOffset, IDeviceBuffer target, long[] targetOffset) =>
        HostPair.Run(source, target, new RegionCopy(sourceOffset, targetOffset), "Rechunking");

    private readonly struct RegionCopy(long[] sourceOffset, long[] targetOffset) : IHostPairAction
    {
        public void Run<T>(CpuBuffer<T> source, CpuBuffer<T> target) => Copy(source, sourceOffset, target, targetOffset);
    }

    private static void Copy<T>(CpuBuffer<T> source, long[] sourceOffset, CpuBuffer<T> target, long[] targetOffset)
    {
        var rank = sourceOffset.Length;
        var start = new long[rank];
        var extent = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            var lo = Math.Max(sourceOffset[d], targetOffset[d]);
            var hi = Math.Min(sourceOffset[d] + source.Shape[d], targetOffset[d] + target.Shape[d]);
            if (hi <= lo)
            {
                return;
            }
            start[d] = lo;
            extent[d] = hi - lo;
        }
        var from = source.Span;
        var to = target.Span;
        var run = rank == 0 ? 1 : (int)extent[rank - 1];
        var index = new long[rank];
        while (true)
        {
            long s = 0, t = 0;
            for (var d = 0; d < rank; d++)
            {
                s = (s * source.Shape[d]) + start[d] - sourceOffset[d] + index[d];
                t = (t * target.Shape[d]) + start[d] - targetOffset[d] + index[d];
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
}
