using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;
using Tessera.Scheduling;

namespace Tessera.Arrays.Reductions;

/// <summary>
/// Count, mean and M2 per output position: the partial of var/std. Merged with Chan et al.'s
/// pairwise formula, which stays accurate for any block sizes (a naive sum of squares does not).
/// </summary>
internal sealed class MomentPartial(double[] count, double[] mean, double[] m2) : IHasByteSize
{
    public double[] Count { get; } = count;
    public double[] Mean { get; } = mean;
    public double[] M2 { get; } = m2;

    public long ByteSize => 3L * Count.Length * sizeof(double);

    public static MomentPartial Merge(IReadOnlyList<MomentPartial> parts)
    {
        var n = parts[0].Count.Length;
        var count = (double[])parts[0].Count.Clone();
        var mean = (double[])parts[0].Mean.Clone();
        var m2 = (double[])parts[0].M2.Clone();
        foreach (var part in parts.Skip(1))
        {
            for (var i = 0; i < n; i++)
            {
                var total = count[i] + part.Count[i];
                if (part.Count[i] == 0)
                {
                    continue;
                }
                if (count[i] == 0)
                {
                    // An empty first partial (an empty block after masking) holds no mean to merge into.
                    (count[i], mean[i], m2[i]) = (part.Count[i], part.Mean[i], part.M2[i]);
                    continue;
                }
                var delta = part.Mean[i] - mean[i];
                var fraction = part.Count[i] / total;
                mean[i] += delta * fraction;
                m2[i] += part.M2[i] + (delta * delta * count[i] * fraction);
                count[i] = total;
            }
        }
        return new MomentPartial(count, mean, m2);
    }
}

/// <summary>
/// Var/std as a tree of moment partials: each block gives (count, mean, M2) from the kernel's
/// mean and variance over the block (prologue fused, in float64), combine levels merge them,
/// and the final step divides by count − ddof.
/// </summary>
internal static class MomentNodes
{
    public static ArrayNode Variance(ArrayNode source, ReductionAxes axes, int ddof, bool std, int splitEvery)
    {
        var (prologue, operands) = KindReductions.Prologue(source);
        // Moments are kept in float64; float32 values are widened as they are summed (no cast pass).
        var values = prologue.DType is DType.Float32 or DType.Float64 ? prologue : Ex.Cast(prologue, DType.Float64);
        var partialGrid = axes.PartialGrid(source.Grid, d => source.Grid.BlockCounts[d]);
        var chunkName = TaskKeys.Name("moments-chunk", source.Name, axes.Axes);
        ArrayNode level = new MapManyNode(chunkName, partialGrid, DType.Float64, operands, source.Grid, "moments-chunk",
            (backend, blocks, _, shape, sourceShape) =>
            {
                var mean = backend.Allocate(DType.Float64, shape);
                var variance = backend.Allocate(DType.Float64, shape);
                backend.ReduceMoments(values, blocks, axes.Axes, mean, variance);
                var n = axes.Axes.Aggregate(1.0, (a, d) => a * sourceShape[d]);
                var means = n == 0 ? new double[mean.Length] : HostBlocks.ToDoubles(mean);
                var m2 = n == 0 ? new double[mean.Length] : [.. HostBlocks.ToDoubles(variance).Select(v => v * n)];
                return new MomentPartial([.. Enumerable.Repeat(n, means.Length)], means, m2);
            }, consumesBlocks: true,
            mergeBands: axes.Contains(0) ? (_, parts) => MomentPartial.Merge([.. parts.Cast<MomentPartial>()]) : null);

        var fanIn = axes.FanIn(splitEvery);
        while (axes.Axes.Any(a => level.Grid.BlockCounts[a] > 1))
        {
            level = CombineLevel(level, axes, fanIn);
        }
        var finalGrid = level.Grid;
        var dtype = source.DType;
        var result = new MapBlocksNode(TaskKeys.Name(std ? "std" : "var", level.Name, ddof), finalGrid, dtype, level,
            std ? "std" : "var", (partial, shape) =>
            {
                var p = (MomentPartial)partial;
                var values = p.M2.Select((m, i) => m / Math.Max(0, p.Count[i] - ddof)).ToArray();
                if (std)
                {
                    values = [.. values.Select(Math.Sqrt)];
                }
                return dtype == DType.Float32 ? HostBlocks.FromDoubles<float>(values, shape) : HostBlocks.FromDoubles<double>(values, shape);
            });
        return result;
    }

    private static ArrayNode CombineLevel(ArrayNode partials, ReductionAxes axes, int fanIn)
    {
        var grid = axes.PartialGrid(partials.Grid, d => (partials.Grid.BlockCounts[d] + fanIn - 1) / fanIn);
        return new GroupNode(TaskKeys.Name("moments-combine", partials.Name, fanIn), grid, partials, axes, fanIn,
            (_, parts, _) => MomentPartial.Merge([.. parts.Cast<MomentPartial>()]));
    }
}
