using System.Numerics;
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
/// vanishingly rare round could lose a row.
/// </remarks>
internal static class KMeansParallelInit
{
    public static double[] Centers<T>(BlockedArray<T> x, int k, int rounds, double oversampling, int seed, ComputeOptions? options)
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
        for (var round = 0; round < rounds; round++)
        {
            var centers = candidates.ToArray();
            var m = centers.Length / d;
            var roundSeed = unchecked(seed * 31 + round);
            var parts = BlockPartials.Gather(x, 1 + cap * entry, (block, index) => Sample(block, centers, m, cap, roundSeed, index), options);
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
        var all = candidates.ToArray();
        var count = all.Length / d;
        var weights = BlockPartials.Sum(x, count, block => Weights(block, all, count), options);
        return WeightedKMeans.Fit(all, weights, count, d, k, random);
    }

    /// <summary>[cost, then up to cap entries (key d²/u, row) with the largest keys; unused entries have key 0].</summary>
    private static double[] Sample<T>(System.Numerics.Tensors.Tensor<T> block, double[] centers, int m, int cap, int seed, int index)
        where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(block);
        var x = Dense.AsDouble(block);
        var (labels, nearest) = Distances.Nearest(x, rows, d, centers, m);
        var random = new Random(unchecked(seed * 1_000_003 + index));
        // A min-heap of the cap largest keys seen so far.
        var top = new PriorityQueue<int, double>(cap + 1);
        for (var i = 0; i < rows; i++)
        {
            // 1 − NextDouble() is in (0, 1]: no division by zero.
            var key = nearest[i] / (1 - random.NextDouble());
            if (key <= 0)
            {
                continue;
            }
            if (top.Count < cap)
            {
                top.Enqueue(i, key);
            }
            else if (top.TryPeek(out _, out var smallest) && key > smallest)
            {
                top.EnqueueDequeue(i, key);
            }
        }
        var entry = d + 1;
        var result = new double[1 + cap * entry];
        result[0] = System.Numerics.Tensors.TensorPrimitives.Sum<double>(nearest.AsSpan(0, rows));
        Distances.Return(labels, nearest);
        var slot = 0;
        while (top.TryDequeue(out var row, out var key))
        {
            var at = 1 + slot++ * entry;
            result[at] = key;
            x.Slice(row * d, d).CopyTo(result.AsSpan(at + 1, d));
        }
        return result;
    }

    private static double[] Weights<T>(System.Numerics.Tensors.Tensor<T> block, double[] candidates, int count)
        where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(block);
        var x = Dense.AsDouble(block);
        var (labels, nearest) = Distances.Nearest(x, rows, d, candidates, count);
        var weights = new double[count];
        for (var i = 0; i < rows; i++)
        {
            weights[labels[i]]++;
        }
        Distances.Return(labels, nearest);
        return weights;
    }
}
