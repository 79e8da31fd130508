using System.Numerics;
using Tessera.Arrays;
using Tessera.ML.Internal;

namespace Tessera.ML.Cluster;

/// <summary>
/// k-means‖ initialisation (Bahmani, Moseley, Vattani, Kumar, Vassilvitskii 2012), as dask-ml
/// runs it: start from one uniformly chosen row; in each of a few rounds compute the cost
/// φ = Σ min‖x − C‖² (one blocked pass), then keep every row independently with probability
/// min(1, ℓ·d²(x, C)/φ) (a second pass, every block sampling with its own seeded generator);
/// finally weight each candidate by the rows nearest to it (one pass) and recluster the
/// weighted candidates to k centers in memory (k-means++ then weighted Lloyd).
/// </summary>
internal static class KMeansParallelInit
{
    public static double[] Centers<T>(BlockedArray<T> x, int k, int rounds, double oversampling, int seed, ComputeOptions? options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = x.Shape[0];
        var d = (int)x.Shape[1];
        var random = new Random(seed);
        var first = x.Take([random.NextInt64(n)], axis: 0).Compute(options);
        var candidates = new List<double> { };
        candidates.AddRange(Dense.AsDouble(first).ToArray());
        // Each block may return this many sampled rows: ℓ is the expected total, so a block exceeding
        // it severalfold is vanishingly rare; if it happens, a uniform subset of its sample is kept.
        var cap = (int)Math.Ceiling(2 * oversampling) + 32;
        for (var round = 0; round < rounds; round++)
        {
            var centers = candidates.ToArray();
            var m = centers.Length / d;
            var cost = BlockPartials.Sum(x, 1, block => [Cost(block, centers, m)], options)[0];
            if (cost <= 0)
            {
                break;
            }
            var roundSeed = seed * 31 + round;
            var sampled = BlockPartials.Gather(x, 1 + cap * d,
                (block, index) => Sample(block, centers, m, oversampling / cost, cap, roundSeed, index), options);
            foreach (var part in sampled)
            {
                candidates.AddRange(part.AsSpan(1, (int)part[0] * d).ToArray());
            }
        }
        var all = candidates.ToArray();
        var count = all.Length / d;
        var weights = BlockPartials.Sum(x, count, block => Weights(block, all, count), options);
        return WeightedKMeans.Fit(all, weights, count, d, k, random);
    }

    private static double Cost<T>(System.Numerics.Tensors.Tensor<T> block, double[] centers, int m) where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(block);
        var x = Dense.AsDouble(block);
        var (_, nearest) = Distances.Nearest(Distances.Squared(x, Distances.RowNorms(x, rows, d), rows, d, centers, m), rows, m);
        return nearest.Sum();
    }

    private static double[] Sample<T>(System.Numerics.Tensors.Tensor<T> block, double[] centers, int m, double scale, int cap,
        int seed, int index) where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(block);
        var x = Dense.AsDouble(block);
        var (_, nearest) = Distances.Nearest(Distances.Squared(x, Distances.RowNorms(x, rows, d), rows, d, centers, m), rows, m);
        var random = new Random(unchecked(seed * 1_000_003 + index));
        var picked = new List<int>();
        for (var i = 0; i < rows; i++)
        {
            if (random.NextDouble() < scale * nearest[i])
            {
                picked.Add(i);
            }
        }
        if (picked.Count > cap)
        {
            var subset = picked.ToArray();
            random.Shuffle(subset);
            picked = [.. subset[..cap]];
        }
        var result = new double[1 + cap * d];
        result[0] = picked.Count;
        for (var j = 0; j < picked.Count; j++)
        {
            x.Slice(picked[j] * d, d).CopyTo(result.AsSpan(1 + j * d, d));
        }
        return result;
    }

    private static double[] Weights<T>(System.Numerics.Tensors.Tensor<T> block, double[] candidates, int count)
        where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(block);
        var x = Dense.AsDouble(block);
        var (labels, _) = Distances.Nearest(Distances.Squared(x, Distances.RowNorms(x, rows, d), rows, d, candidates, count), rows, count);
        var weights = new double[count];
        foreach (var label in labels)
        {
            weights[label]++;
        }
        return weights;
    }
}
