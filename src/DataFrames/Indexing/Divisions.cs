namespace Tessera.DataFrames.Indexing;

/// <summary>
/// Choosing divisions from samples, as dask's set_index does: each partition reports its row
/// count and evenly spaced quantiles of its sorted keys; the quantiles, weighted by the rows each
/// stands for, are merged into one distribution whose evenly spaced quantiles are the divisions.
/// </summary>
internal static class Divisions
{
    /// <summary>How many quantiles a partition reports (dask samples 100 per partition).</summary>
    public const int SamplesPerPartition = 128;

    /// <summary>A partition's sample: row count and quantiles of its keys (missing keys left out), min and max included.</summary>
    public sealed record Sample(long Rows, long[] Quantiles)
    {
        /// <summary>All rows, nulls included.</summary>
        public long Total { get; init; }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static Sample Of(long[] keys)
    {
        var present = keys.Where(k => k != OrderKeys.Missing).ToArray();
        Array.Sort(present);
        if (present.Length == 0)
        {
            return new Sample(0, []) { Total = keys.Length };
        }
        var count = Math.Min(SamplesPerPartition, present.Length);
        var quantiles = new long[count];
        for (var q = 0; q < count; q++)
        {
            quantiles[q] = present[count == 1 ? 0 : (int)((long)q * (present.Length - 1) / (count - 1))];
        }
        return new Sample(present.Length, quantiles) { Total = keys.Length };
    }

    /// <summary>Up to <paramref name="partitions"/> + 1 ascending, distinct divisions from the samples; null when there are no keys.</summary>
    public static long[]? Choose(IReadOnlyList<Sample> samples, int partitions)
    {
        var points = new List<(long Key, double Weight)>();
        foreach (var sample in samples.Where(s => s.Rows > 0))
        {
            var weight = (double)sample.Rows / sample.Quantiles.Length;
            points.AddRange(sample.Quantiles.Select(k => (k, weight)));
        }
        if (points.Count == 0)
        {
            return null;
        }
        points.Sort((a, b) => a.Key.CompareTo(b.Key));
        var total = points.Sum(p => p.Weight);
        var result = new List<long> { points[0].Key };
        var cumulative = 0.0;
        var next = 1;
        foreach (var (key, weight) in points)
        {
            cumulative += weight;
            while (next < partitions && cumulative >= total * next / partitions)
            {
                if (key > result[^1])
                {
                    result.Add(key);
                }
                next++;
            }
        }
        var max = points[^1].Key;
        if (max > result[^1] || result.Count == 1)
        {
            result.Add(max);
        }
        return [.. result];
    }

    /// <summary>The partition of <paramref name="divisions"/> that holds <paramref name="key"/> (the last one holds its upper bound).</summary>
    public static int PartitionOf(long[] divisions, long key)
    {
        var index = Array.BinarySearch(divisions, key);
        var p = index >= 0 ? index : ~index - 1;
        return Math.Clamp(p, 0, divisions.Length - 2);
    }
}
