using System.Numerics;

namespace Tessera.Kernels.Cpu.Reduction;

// Partial results of reductions. Each has a Merge, so a later issue can combine per-chunk
// partials in a tree (dask's chunk -> combine -> aggregate) with the same arithmetic.

/// <summary>A float sum with Neumaier's compensation: merging 10^5 tile sums keeps full double accuracy.</summary>
internal struct CompensatedSum
{
    public double Sum;
    public double Compensation;

    // Once the sum is infinite or NaN the compensation is meaningless (inf - inf = NaN).
    public readonly double Value => double.IsFinite(Sum) ? Sum + Compensation : Sum;

    public void Add(double x)
    {
        var t = Sum + x;
        // Whichever operand is larger is exact in t; recover the low-order bits of the other.
        Compensation += Math.Abs(Sum) >= Math.Abs(x) ? (Sum - t) + x : (x - t) + Sum;
        Sum = t;
    }

    public void Merge(in CompensatedSum other)
    {
        Add(other.Sum);
        Compensation += other.Compensation;
    }
}

/// <summary>A sum and the number of values in it: the partial of mean (mean = Sum / Count, as NumPy computes it).</summary>
internal struct SumCount
{
    public CompensatedSum Sum;
    public long Count;

    public void Merge(in SumCount other)
    {
        Sum.Merge(other.Sum);
        Count += other.Count;
    }

    public readonly double Mean => Count == 0 ? double.NaN : Sum.Value / Count;
}

/// <summary>
/// Count, mean and sum of squared deviations (M2) of a set of values: mean = Mean,
/// var = M2 / (Count - ddof). Merging uses Chan et al.'s pairwise update, stable for any sizes.
/// </summary>
internal struct Moments
{
    public long Count;
    public double Mean;
    public double M2;

    public void Add(double x)
    {
        Count++;
        var delta = x - Mean;
        Mean += delta / Count;
        M2 += delta * (x - Mean);
    }

    public void Merge(in Moments other)
    {
        if (other.Count == 0)
        {
            return;
        }
        if (Count == 0)
        {
            this = other;
            return;
        }
        var n = Count + other.Count;
        if (!double.IsFinite(Mean) || !double.IsFinite(other.Mean))
        {
            // An infinity or NaN: the weighted mean keeps NumPy's sum / count (inf stays inf, where
            // the update below would give inf - inf = NaN); M2 is NaN already, as NumPy's var.
            Mean = (Mean * ((double)Count / n)) + (other.Mean * ((double)other.Count / n));
            M2 += other.M2;
            Count = n;
            return;
        }
        var delta = other.Mean - Mean;
        var fraction = (double)other.Count / n;
        Mean += delta * fraction;
        M2 += other.M2 + (delta * delta * Count * fraction);
        Count = n;
    }

    /// <summary>
    /// Merges <paramref name="count"/> values given as deviations from <paramref name="shift"/>:
    /// their sum and their M2. When the shift is this partial's mean (as callers choose it) the
    /// difference of the means is <paramref name="deviations"/> / count exactly as summed, instead
    /// of the difference of two means near a large offset, which loses the offset's ulps.
    /// </summary>
    public void MergeShifted(long count, double shift, double deviations, double m2)
    {
        if (count == 0)
        {
            return;
        }
        if (Count == 0 || shift != Mean || !double.IsFinite(Mean))
        {
            Merge(new Moments { Count = count, Mean = shift + (deviations / count), M2 = m2 });
            return;
        }
        var n = Count + count;
        var delta = deviations / count;
        var fraction = (double)count / n;
        Mean += delta * fraction;
        M2 += m2 + (delta * delta * Count * fraction);
        Count = n;
    }

    public readonly double Variance(int ddof) => M2 / Math.Max(Count - ddof, 0);
}

/// <summary>The smallest or largest value seen; NaN sticks (NumPy's min/max propagate NaN).</summary>
internal struct Extremum<T> where T : INumber<T>
{
    public T Value;
    public bool Seen;

    public void Add<TMax>(T x) where TMax : IDirection
    {
        if (!Seen)
        {
            Value = x;
            Seen = true;
        }
        else if (!T.IsNaN(Value) && (T.IsNaN(x) || TMax.Better(x, Value)))
        {
            Value = x;
        }
    }

    public void Merge<TMax>(in Extremum<T> other) where TMax : IDirection
    {
        if (other.Seen)
        {
            Add<TMax>(other.Value);
        }
    }
}

/// <summary>The best value and its index; ties and NaN keep the first occurrence, as NumPy's argmin/argmax.</summary>
internal struct ArgExtremum<T> where T : INumber<T>
{
    public T Value;
    public long Index;
    public bool Seen;

    public void Add<TMax>(T x, long index) where TMax : IDirection
    {
        if (!Seen || (!T.IsNaN(Value) && (T.IsNaN(x) || TMax.Better(x, Value))))
        {
            Value = x;
            Index = index;
            Seen = true;
        }
    }

    /// <summary>Merges a partial covering later indexes (ties keep this one, the earlier).</summary>
    public void Merge<TMax>(in ArgExtremum<T> later) where TMax : IDirection
    {
        if (later.Seen)
        {
            Add<TMax>(later.Value, later.Index);
        }
    }
}

/// <summary>Whether min or max: <see cref="Better"/> is strict, so the first of equal values wins.</summary>
internal interface IDirection
{
    static abstract bool Better<T>(T candidate, T current) where T : INumber<T>;
}

internal readonly struct Smallest : IDirection
{
    public static bool Better<T>(T candidate, T current) where T : INumber<T> => candidate < current;
}

internal readonly struct Largest : IDirection
{
    public static bool Better<T>(T candidate, T current) where T : INumber<T> => candidate > current;
}
