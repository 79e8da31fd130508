namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>
/// A double sum with Neumaier's compensation (as the CPU backend's float sums): the low-order bits
/// each addition loses are kept apart, so long sums stay accurate to the last ulp or so.
/// </summary>
internal struct CompensatedSum
{
    /// <summary>The running sum.</summary>
    public double Sum;

    /// <summary>What the additions into <see cref="Sum"/> rounded away.</summary>
    public double Compensation;

    /// <summary>The sum with its compensation (once infinite or NaN the compensation is meaningless).</summary>
    public readonly double Value => Sum - Sum == 0 ? Sum + Compensation : Sum;

    /// <summary>This sum plus <paramref name="x"/>.</summary>
    public static CompensatedSum Add(CompensatedSum a, double x)
    {
        var t = a.Sum + x;
        // Whichever operand is larger is exact in t; recover the low-order bits of the other.
        var lost = Math.Abs(a.Sum) >= Math.Abs(x) ? (a.Sum - t) + x : (x - t) + a.Sum;
        return new CompensatedSum { Sum = t, Compensation = a.Compensation + lost };
    }

    /// <summary>The sum of two partial sums.</summary>
    public static CompensatedSum Merge(CompensatedSum a, CompensatedSum b)
    {
        var r = Add(a, b.Sum);
        r.Compensation += b.Compensation;
        return r;
    }
}

/// <summary>A compensated sum and the number of values in it: the partial of mean.</summary>
internal struct SumCount
{
    /// <summary>The sum of the values.</summary>
    public CompensatedSum Sum;

    /// <summary>How many values.</summary>
    public long Count;
}

/// <summary>
/// Count, mean and sum of squared deviations (M2): Welford's update per element, Chan et al.'s
/// pairwise merge across partials (stable for any sizes, unlike sum and sum of squares).
/// </summary>
internal struct Moments
{
    /// <summary>How many values.</summary>
    public long Count;

    /// <summary>Their mean.</summary>
    public double Mean;

    /// <summary>Their sum of squared deviations from <see cref="Mean"/>.</summary>
    public double M2;

    /// <summary>The moments with <paramref name="x"/> added (Welford).</summary>
    public static Moments Add(Moments a, double x)
    {
        var n = a.Count + 1;
        var delta = x - a.Mean;
        var mean = a.Mean + (delta / n);
        return new Moments { Count = n, Mean = mean, M2 = a.M2 + (delta * (x - mean)) };
    }

    /// <summary>The moments of the union of two sets (Chan et al.).</summary>
    public static Moments Merge(Moments a, Moments b)
    {
        if (b.Count == 0)
        {
            return a;
        }
        if (a.Count == 0)
        {
            return b;
        }
        var n = a.Count + b.Count;
        var fraction = (double)b.Count / n;
        if (a.Mean - a.Mean != 0 || b.Mean - b.Mean != 0)
        {
            // An infinity or NaN: the weighted mean keeps sum / count (inf stays inf, where the
            // update below would give inf - inf = NaN); M2 is NaN already, as NumPy's var.
            return new Moments { Count = n, Mean = (a.Mean * ((double)a.Count / n)) + (b.Mean * fraction), M2 = a.M2 + b.M2 };
        }
        var delta = b.Mean - a.Mean;
        return new Moments { Count = n, Mean = a.Mean + (delta * fraction), M2 = a.M2 + b.M2 + (delta * delta * a.Count * fraction) };
    }

    /// <summary>M2 / max(Count - ddof, 0): NaN for no values, infinity when ddof leaves no degrees of freedom.</summary>
    public readonly double Variance(int ddof) => M2 / Math.Max(Count - ddof, 0);
}

/// <summary>The best value so far; <see cref="Seen"/> is 0 for a partial of no values.</summary>
internal struct Extremum<T> where T : unmanaged
{
    /// <summary>The value (NaN sticks once seen, unless skipped).</summary>
    public T Value;

    /// <summary>1 once a value is held.</summary>
    public int Seen;
}

/// <summary>The best value and its flat reduced index; <see cref="Index"/> is -1 for no values.</summary>
internal struct ArgExtremum<T> where T : unmanaged
{
    /// <summary>The value.</summary>
    public T Value;

    /// <summary>Its index along the flattened reduced axes, or -1.</summary>
    public int Index;
}
