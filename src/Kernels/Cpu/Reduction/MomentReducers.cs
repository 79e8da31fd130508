using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>Which statistic a <see cref="Moments"/> partial finishes into.</summary>
internal interface IMomentStatistic
{
    static abstract double Finish(in Moments m, int ddof);
}

/// <summary>M2 / max(n - ddof, 0): NaN for 0/0 and +inf for x/0, exactly as NumPy's var.</summary>
internal readonly struct VarianceStatistic : IMomentStatistic
{
    public static double Finish(in Moments m, int ddof) => m.Count == 0 ? double.NaN : m.Variance(ddof);
}

internal readonly struct StdStatistic : IMomentStatistic
{
    public static double Finish(in Moments m, int ddof) => m.Count == 0 ? double.NaN : Math.Sqrt(m.Variance(ddof));
}

/// <summary>
/// mean and nanmean as NumPy computes them, sum / count (a running mean would turn [inf, 1]
/// into NaN), with the sum compensated across tiles.
/// </summary>
internal readonly struct MeanReducer<T, TOut, TNan, TW> : IReducer<T, SumCount, TOut>
    where T : INumber<T>
    where TOut : IFloatingPointIeee754<TOut>
    where TNan : INanPolicy
    where TW : IVectorWidth
{
    public static SumCount Identity() => default;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref SumCount acc, ReadOnlySpan<T> values, long firstIndex)
    {
        var (sum, count) = TileSums.Sum<T, TNan, TW>(values);
        acc.Sum.Add(sum);
        acc.Count += count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLanes(Span<SumCount> accs, ReadOnlySpan<T> values, long index)
    {
        for (var i = 0; i < accs.Length; i++)
        {
            if (!TNan.Skip || !T.IsNaN(values[i]))
            {
                accs[i].Sum.Add(double.CreateTruncating(values[i]));
                accs[i].Count++;
            }
        }
    }

    public static TOut Finish(in SumCount acc, int ddof) => TOut.CreateTruncating(acc.Mean);

    // int64 values are converted to double one by one, as NumPy's float64 accumulator does (their int64 sum could wrap).
    public static bool SumsLanesInDouble => !TNan.Skip && (typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(long));

    public static void AddLaneSum(ref SumCount acc, double sum, long count)
    {
        acc.Sum.Add(sum);
        acc.Count += count;
    }

    // nan* sums skip NaN lane by lane, so they count values per output (LaneSums counts whole runs);
    // int32 sums are exact in int64 lanes, and integers hold no NaN.
    public static IKeptAxisLanes? CreateLanes(int outputs) =>
        typeof(T) == typeof(int) ? new IntegerLaneSums(outputs)
        : TNan.Skip && (typeof(T) == typeof(double) || typeof(T) == typeof(float)) ? new NanLaneSums(outputs)
        : null;

    public static void AddLaneWrappingSum(ref SumCount acc, long sum, long count)
    {
        acc.Sum.Add(sum);
        acc.Count += count;
    }
}

/// <summary>
/// var / std and their nan* forms (NaN lanes masked out in the vector loops, at the width
/// <typeparamref name="TW"/>). The first run of an output is folded in two passes over the
/// tile (still in cache): its own mean, then its squared deviations from that mean. Later runs
/// take one pass of deviations from the mean so far and their squares, which is as accurate
/// while the run's mean stays near that shift and reads (and widens) each value once. Runs are
/// merged with Chan's update; this avoids both the cancellation of an unshifted sum-of-squares
/// formula and NumPy's full-size temporary for x - mean.
/// </summary>
internal readonly struct MomentReducer<T, TOut, TNan, TStat, TW> : IReducer<T, Moments, TOut>
    where T : INumber<T>
    where TOut : IFloatingPointIeee754<TOut>
    where TNan : INanPolicy
    where TStat : IMomentStatistic
    where TW : IVectorWidth
{
    public static Moments Identity() => default;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref Moments acc, ReadOnlySpan<T> values, long firstIndex)
    {
        if (values.IsEmpty)
        {
            return;
        }
        if (acc.Count > 0 && double.IsFinite(acc.Mean))
        {
            // One pass, shifted by the mean so far: accurate while the run's mean stays within a
            // few standard deviations of it, as it does in all but contrived orderings.
            var (n, deviations, squares) = TileSums.ShiftedSums<T, TNan, TW>(values, acc.Mean);
            if (n == 0)
            {
                return; // only NaN, skipped
            }
            if (double.IsFinite(squares))
            {
                acc.MergeShifted(n, acc.Mean, deviations, Math.Max(0, squares - (deviations * deviations / n)));
                return;
            }
            // Infinities or NaN: the two-pass form below gives NumPy's mean (inf) and M2 (NaN).
        }
        var (sum, count) = TileSums.Sum<T, TNan, TW>(values);
        if (count == 0)
        {
            return;
        }
        var mean = sum / count;
        acc.Merge(new Moments { Count = count, Mean = mean, M2 = TileSums.SquaredDeviations<T, TNan, TW>(values, mean) });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLanes(Span<Moments> accs, ReadOnlySpan<T> values, long index)
    {
        for (var i = 0; i < accs.Length; i++)
        {
            if (!TNan.Skip || !T.IsNaN(values[i]))
            {
                accs[i].Add(double.CreateTruncating(values[i]));
            }
        }
    }

    public static TOut Finish(in Moments acc, int ddof) => TOut.CreateTruncating(TStat.Finish(acc, ddof));

    // Outer-axis moments gather shifted sums and squares in double lanes (NaN masked when skipped).
    public static IKeptAxisLanes? CreateLanes(int outputs) =>
        typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(int) || typeof(T) == typeof(long)
            ? new LaneMoments<TNan>(outputs) : null;

    public static void SetLaneMoments(ref Moments acc, long count, double mean, double m2) =>
        acc = new Moments { Count = count, Mean = mean, M2 = m2 };
}
