namespace Tessera.DataFrames.TimeSeries;

/// <summary>
/// Partial aggregates of time bins: for each bin label (nanoseconds, ascending) and each column, the
/// count, mean and M2 of its non-null values (merged with Chan's formula, so variances stay
/// accurate), their sum, min, max, first and last. A partition's table and the open bin carried
/// from the partition before merge at their shared label.
/// </summary>
internal sealed class BinTable(int columns)
{
    public List<long> Labels { get; } = [];

    public List<BinStats[]> Stats { get; } = [];

    public int Columns { get; } = columns;

    public int Count => Labels.Count;

    /// <summary>The bins of rows [from, to) of one partition: <paramref name="labels"/> per row (ascending), values per column.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static BinTable Of(long[] labels, double[][] values, int from, int to)
    {
        var table = new BinTable(values.Length);
        for (int start = from, end; start < to; start = end)
        {
            end = start + 1;
            while (end < to && labels[end] == labels[start])
            {
                end++;
            }
            var stats = new BinStats[values.Length];
            for (var c = 0; c < values.Length; c++)
            {
                stats[c] = BinStats.Of(values[c].AsSpan(start, end - start));
            }
            table.Labels.Add(labels[start]);
            table.Stats.Add(stats);
        }
        return table;
    }

    /// <summary>This table's bins followed by <paramref name="later"/>'s, merging a label both hold.</summary>
    public BinTable Then(BinTable later)
    {
        var result = new BinTable(Columns);
        result.Labels.AddRange(Labels);
        result.Stats.AddRange(Stats);
        for (var i = 0; i < later.Count; i++)
        {
            if (result.Count > 0 && result.Labels[^1] == later.Labels[i])
            {
                var merged = new BinStats[Columns];
                for (var c = 0; c < Columns; c++)
                {
                    merged[c] = BinStats.Merge(result.Stats[^1][c], later.Stats[i][c]);
                }
                result.Stats[^1] = merged;
            }
            else
            {
                result.Labels.Add(later.Labels[i]);
                result.Stats.Add(later.Stats[i]);
            }
        }
        return result;
    }

    /// <summary>The bins at or after <paramref name="label"/>.</summary>
    public BinTable From(long label)
    {
        var result = new BinTable(Columns);
        for (var i = 0; i < Count; i++)
        {
            if (Labels[i] >= label)
            {
                result.Labels.Add(Labels[i]);
                result.Stats.Add(Stats[i]);
            }
        }
        return result;
    }
}

/// <summary>One column's statistics in one bin.</summary>
internal readonly record struct BinStats(long Count, double Mean, double M2, double Sum, double Min, double Max, double First, double Last)
{
    public static readonly BinStats Empty = new(0, 0, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static BinStats Of(ReadOnlySpan<double> values)
    {
        if (values.Length >= 2 * System.Numerics.Vector<double>.Count && !HasNaN(values))
        {
            return OfComplete(values);
        }
        long count = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity, first = double.NaN, last = double.NaN;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }
            if (count == 0)
            {
                first = v;
            }
            last = v;
            count++;
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (count == 0)
        {
            return Empty;
        }
        var mean = sum / count;
        double m2 = 0;
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                m2 += (v - mean) * (v - mean);
            }
        }
        return new BinStats(count, mean, m2, sum, min, max, first, last);
    }

    /// <summary>
    /// The statistics of values without NaN, a vector at a time: a bin of an hour of seconds is
    /// 3,600 values, and the scalar loop's NaN test and Math.Min/Max per value were most of resample.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static BinStats OfComplete(ReadOnlySpan<double> values)
    {
        var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(values);
        var sums = System.Numerics.Vector<double>.Zero;
        var mins = vectors[0];
        var maxes = vectors[0];
        foreach (var v in vectors)
        {
            sums += v;
            mins = System.Numerics.Vector.Min(mins, v);
            maxes = System.Numerics.Vector.Max(maxes, v);
        }
        double sum = System.Numerics.Vector.Sum(sums), min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = 0; i < System.Numerics.Vector<double>.Count; i++)
        {
            min = Math.Min(min, mins[i]);
            max = Math.Max(max, maxes[i]);
        }
        for (var i = vectors.Length * System.Numerics.Vector<double>.Count; i < values.Length; i++)
        {
            sum += values[i];
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }
        var mean = sum / values.Length;
        var centre = new System.Numerics.Vector<double>(mean);
        var squares = System.Numerics.Vector<double>.Zero;
        foreach (var v in vectors)
        {
            var d = v - centre;
            squares += d * d;
        }
        var m2 = System.Numerics.Vector.Sum(squares);
        for (var i = vectors.Length * System.Numerics.Vector<double>.Count; i < values.Length; i++)
        {
            m2 += (values[i] - mean) * (values[i] - mean);
        }
        return new BinStats(values.Length, mean, m2, sum, min, max, values[0], values[^1]);
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(values);
        foreach (var v in vectors)
        {
            if (!System.Numerics.Vector.EqualsAll(v, v))
            {
                return true;
            }
        }
        for (var i = vectors.Length * System.Numerics.Vector<double>.Count; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                return true;
            }
        }
        return false;
    }

    public static BinStats Merge(BinStats a, BinStats b)
    {
        if (a.Count == 0)
        {
            return b;
        }
        if (b.Count == 0)
        {
            return a;
        }
        var n = a.Count + b.Count;
        var delta = b.Mean - a.Mean;
        return new BinStats(n, a.Mean + delta * b.Count / n, a.M2 + b.M2 + delta * delta * a.Count * b.Count / n, a.Sum + b.Sum,
            Math.Min(a.Min, b.Min), Math.Max(a.Max, b.Max), a.First, b.Last);
    }
}
