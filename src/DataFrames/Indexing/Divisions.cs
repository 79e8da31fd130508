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
        var present = Present(keys, out var rows);
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
        return new Sample(rows, quantiles) { Total = keys.Length };
    }

    /// <summary>How many keys a partition's quantiles are taken from: more gives no better divisions, only a longer sort.</summary>
    public const int SampleSize = 16_384;

    /// <summary>
    /// The non-missing keys, or a seeded uniform sample of <see cref="SampleSize"/> of them (its
    /// quantiles estimate the partition's; the true minimum and maximum are kept, so the
    /// divisions still span every key).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static long[] Present(long[] keys, out long present)
    {
        var count = 0;
        long min = long.MaxValue, max = long.MinValue;
        foreach (var k in keys)
        {
            if (k != OrderKeys.Missing)
            {
                count++;
                min = Math.Min(min, k);
                max = Math.Max(max, k);
            }
        }
        present = count;
        if (count <= SampleSize)
        {
            var all = new long[count];
            var at = 0;
            foreach (var k in keys)
            {
                if (k != OrderKeys.Missing)
                {
                    all[at++] = k;
                }
            }
            return all;
        }
        var random = new Random(keys.Length);
        var sample = new long[SampleSize];
        sample[0] = min;
        sample[1] = max;
        for (var i = 2; i < sample.Length;)
        {
            var k = keys[random.Next(keys.Length)];
            if (k != OrderKeys.Missing)
            {
                sample[i++] = k;
            }
        }
        return sample;
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
