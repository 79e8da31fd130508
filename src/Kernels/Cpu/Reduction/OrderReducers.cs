using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>min / max (NaN propagates) and nanmin / nanmax (NaN skipped; an all-NaN slice gives NaN).</summary>
internal readonly struct MinMax<T, TDir, TNan, TW> : IReducer<T, Extremum<T>, T>
    where T : INumber<T>
    where TDir : IDirection
    where TNan : INanPolicy
    where TW : IVectorWidth
{
    public static Extremum<T> Identity() => default;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref Extremum<T> acc, ReadOnlySpan<T> values, long firstIndex)
    {
        if (values.IsEmpty)
        {
            return;
        }
        var best = OrderKernels.Extreme<T, TDir, TNan, TW>(values, out var seen);
        if (seen)
        {
            acc.Add<TDir>(best);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLanes(Span<Extremum<T>> accs, ReadOnlySpan<T> values, long index)
    {
        for (var i = 0; i < accs.Length; i++)
        {
            if (!TNan.Skip || !T.IsNaN(values[i]))
            {
                accs[i].Add<TDir>(values[i]);
            }
        }
    }

    public static T Finish(in Extremum<T> acc, int ddof) =>
        acc.Seen ? acc.Value : T.CreateTruncating(double.NaN); // only reached for all-NaN nan* slices

    // min, max, nanmin and nanmax fold rows in vector lanes; other element types keep AddLanes.
    public static IKeptAxisLanes? CreateLanes(int outputs) =>
        typeof(T) == typeof(double) ? new LaneExtrema<double, TDir, TNan>(outputs)
        : typeof(T) == typeof(float) ? new LaneExtrema<float, TDir, TNan>(outputs)
        : typeof(T) == typeof(long) ? new LaneExtrema<long, TDir, TNan>(outputs)
        : typeof(T) == typeof(int) ? new LaneExtrema<int, TDir, TNan>(outputs)
        : null;

    public static void AddLaneExtreme(ref Extremum<T> acc, T value) => acc.Add<TDir>(value);
}

/// <summary>
/// argmin / argmax: the first index of the extreme value (of the first NaN, unless skipped). A
/// run is read twice while it is in cache, both at full vector width: its extreme value, then
/// the first index holding it (the first of equal values, as NumPy).
/// </summary>
internal readonly struct ArgMinMax<T, TDir, TNan, TW> : IReducer<T, ArgExtremum<T>, long>
    where T : INumber<T>
    where TDir : IDirection
    where TNan : INanPolicy
    where TW : IVectorWidth
{
    public static ArgExtremum<T> Identity() => default;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref ArgExtremum<T> acc, ReadOnlySpan<T> values, long firstIndex)
    {
        if (values.IsEmpty)
        {
            return;
        }
        var best = OrderKernels.Extreme<T, TDir, TNan, TW>(values, out var seen);
        if (seen)
        {
            acc.Add<TDir>(best, firstIndex + OrderKernels.FirstIndexOf<T, TW>(values, best));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLanes(Span<ArgExtremum<T>> accs, ReadOnlySpan<T> values, long index)
    {
        for (var i = 0; i < accs.Length; i++)
        {
            if (!TNan.Skip || !T.IsNaN(values[i]))
            {
                accs[i].Add<TDir>(values[i], index);
            }
        }
    }

    public static long Finish(in ArgExtremum<T> acc, int ddof) => acc.Seen
        ? acc.Index
        : throw new ArgumentException(
            "All-NaN slice encountered: nanargmin/nanargmax has no answer for a slice of only NaN. " +
            "Use argmin/argmax (which return the first NaN) or fill NaN first.");

    // argmin and argmax keep their best rows in vector lanes of the values' type; other types keep AddLanes.
    public static IKeptAxisLanes? CreateLanes(int outputs) =>
        typeof(T) == typeof(double) ? new LaneArgExtrema<double, TDir, TNan>(outputs)
        : typeof(T) == typeof(float) ? new LaneArgExtrema<float, TDir, TNan>(outputs)
        : typeof(T) == typeof(long) ? new LaneArgExtrema<long, TDir, TNan>(outputs)
        : typeof(T) == typeof(int) ? new LaneArgExtrema<int, TDir, TNan>(outputs)
        : null;

    public static void AddLaneArgExtreme(ref ArgExtremum<T> acc, T value, long index) => acc.Add<TDir>(value, index);
}

/// <summary>any: true if some value is true (values are the prologue cast to bool).</summary>
internal readonly struct AnyTrue : IReducer<bool, bool, bool>
{
    public static bool Identity() => false;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref bool acc, ReadOnlySpan<bool> values, long firstIndex) => acc |= values.Contains(true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLanes(Span<bool> accs, ReadOnlySpan<bool> values, long index)
    {
        for (var i = 0; i < accs.Length; i++)
        {
            accs[i] |= values[i];
        }
    }

    public static bool Finish(in bool acc, int ddof) => acc;

    // Outer-axis any is a byte max over whole rows in vector lanes.
    public static IKeptAxisLanes? CreateLanes(int outputs) => new LaneLogicals<AnyLogical>(outputs);

    public static void AddLaneExtreme(ref bool acc, bool value) => acc |= value;
}

/// <summary>all: true unless some value is false (an empty slice is true).</summary>
internal readonly struct AllTrue : IReducer<bool, bool, bool>
{
    public static bool Identity() => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref bool acc, ReadOnlySpan<bool> values, long firstIndex) => acc &= !values.Contains(false);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLanes(Span<bool> accs, ReadOnlySpan<bool> values, long index)
    {
        for (var i = 0; i < accs.Length; i++)
        {
            accs[i] &= values[i];
        }
    }

    public static bool Finish(in bool acc, int ddof) => acc;

    // Outer-axis all is a byte min over whole rows in vector lanes.
    public static IKeptAxisLanes? CreateLanes(int outputs) => new LaneLogicals<AllLogical>(outputs);

    public static void AddLaneExtreme(ref bool acc, bool value) => acc &= value;
}
