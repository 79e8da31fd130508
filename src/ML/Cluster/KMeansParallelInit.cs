using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Tessera.Arrays;
using Tessera.ML.Internal;

namespace Tessera.ML.Cluster;

/// <summary>
/// k-means‖ initialisation (Bahmani, Moseley, Vattani, Kumar, Vassilvitskii 2012), as dask-ml
/// runs it: start from one uniformly chosen row; in each of a few rounds keep every row
/// independently with probability min(1, ℓ·d²(x, C)/φ), φ = Σ d²(x, C) being the current cost;
/// finally weight each candidate by the rows nearest to it (one pass) and recluster the
/// weighted candidates to k centers in memory (k-means++ then weighted Lloyd).
/// </summary>
/// <remarks>
/// One pass per round instead of dask-ml's two (cost, then sample): every row draws its uniform
/// u from a generator seeded by (seed, round, block), and it is kept iff u &lt; ℓd²/φ, that is iff
/// its key d²/u exceeds φ/ℓ. So each block returns its cost and its rows with the largest keys;
/// once the costs are summed, the rows whose keys pass φ/ℓ are exactly the ones k-means‖ keeps.
/// A block keeps at most 2ℓ + 32 rows (ℓ is the expected total over all blocks), so only a
/// vanishingly rare round could lose a row. The first round also returns each block's column
/// means and squared deviations, so the mean feature variance Lloyd's tolerance is relative to
/// costs no pass of its own.
/// </remarks>
internal static class KMeansParallelInit
{
    public static (double[] Centers, double MeanVariance) Centers<T>(BlockedArray<T> x, int k, int rounds, double oversampling, int seed,
        ComputeOptions? options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = x.Shape[0];
        var d = (int)x.Shape[1];
        var random = new Random(seed);
        var first = x.Take([random.NextInt64(n)], axis: 0).Compute(options);
        var candidates = new List<double>();
        candidates.AddRange(Dense.AsDouble(first).ToArray());
        var cap = (int)Math.Ceiling(2 * oversampling) + 32;
        var entry = d + 1;
        var moments = 1 + cap * entry;
        var length = moments + 1 + 2 * d;
        double? meanVariance = null;
        for (var round = 0; round < rounds; round++)
        {
            var panel = new CenterPanel(candidates.ToArray(), candidates.Count / d, d);
            var roundSeed = unchecked(seed * 31 + round);
            var withMoments = meanVariance is null;
            var parts = BlockPartials.Gather(x, length, (block, index) => Sample(block, panel, cap, roundSeed, index, withMoments), options);
            meanVariance ??= BlockMoments.MeanVariance(parts, moments, d);
            var cost = parts.Sum(p => p[0]);
            if (cost <= 0)
            {
                break;
            }
            var threshold = cost / oversampling;
            foreach (var part in parts)
            {
                for (var j = 0; j < cap; j++)
                {
                    var at = 1 + j * entry;
                    if (part[at] > threshold)
                    {
                        candidates.AddRange(part.AsSpan(at + 1, d).ToArray());
                    }
                }
            }
        }
        // No round ran (rounds = 0): the variance still needs its pass.
        meanVariance ??= Dense.AsDouble(x.Var(0).Compute(options)).ToArray().Average();
        var all = candidates.ToArray();
        var count = all.Length / d;
        var candidatePanel = new CenterPanel(all, count, d);
        var weights = BlockPartials.Sum(x, count, block => Weights(block, candidatePanel), options);
        return (WeightedKMeans.Fit(all, weights, count, d, k, random), meanVariance.Value);
    }

    /// <summary>
    /// [cost, then up to cap entries (key d²/u, row) with the largest keys (unused entries have key 0),
    /// then the block's rows, column means and squared deviations when <paramref name="withMoments"/>].
    /// </summary>
    // Hot loops run once per block per pass: compiled optimised at once, not first as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Sample<T>(Tensor<T> block, CenterPanel centers, int cap, int seed, int index, bool withMoments)
        where T : unmanaged, INumberBase<T>
    {
        const int Tile = 256;
        var (rows, d) = Dense.Shape(block);
        var x = Dense.AsDouble(block);
        var entry = d + 1;
        var result = new double[1 + cap * entry + 1 + 2 * d];
        var moments = withMoments ? new BlockMoments(x, d) : null;
        var random = new Random(unchecked(seed * 1_000_003 + index));
        // A min-heap of the cap largest keys seen so far.
        var top = new PriorityQueue<int, double>(cap + 1);
        Span<int> labels = stackalloc int[Tile];
        Span<double> nearest = stackalloc double[Tile];
        var cost = 0.0;
        for (var start = 0; start < rows; start += Tile)
        {
            var count = Math.Min(Tile, rows - start);
            var tile = x.Slice(start * d, count * d);
            Distances.Nearest(tile, count, centers, labels, nearest);
            moments?.Add(tile, count);
            for (var t = 0; t < count; t++)
            {
                cost += nearest[t];
                // 1 − NextDouble() is in (0, 1]: no division by zero.
                var key = nearest[t] / (1 - random.NextDouble());
                if (key <= 0)
                {
                    continue;
                }
                if (top.Count < cap)
                {
                    top.Enqueue(start + t, key);
                }
                else if (top.TryPeek(out _, out var smallest) && key > smallest)
                {
                    top.EnqueueDequeue(start + t, key);
                }
            }
        }
        result[0] = cost;
        var slot = 0;
        while (top.TryDequeue(out var row, out var key))
        {
            var at = 1 + slot++ * entry;
            result[at] = key;
            x.Slice(row * d, d).CopyTo(result.AsSpan(at + 1, d));
        }
        moments?.WriteTo(result.AsSpan(1 + cap * entry), rows);
        return result;
    }

    // Hot loops run once per block per pass: compiled optimised at once, not first as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] Weights<T>(Tensor<T> block, CenterPanel candidates) where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(block);
        var x = Dense.AsDouble(block);
        var (labels, nearest) = Distances.Nearest(x, rows, candidates);
        var weights = new double[candidates.Count];
        for (var i = 0; i < rows; i++)
        {
            weights[labels[i]]++;
        }
        Distances.Return(labels, nearest);
        return weights;
    }
}
