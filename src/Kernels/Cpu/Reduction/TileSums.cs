using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Sums over one tile run (at most a tile of a few thousand elements), in double, at the vector
/// width <c>TW</c>. Four vector accumulators both hide the add latency and split the run into
/// independent partial sums, so the rounding error grows with run length / (4 * lanes), not with
/// the run length; tile results are then merged with compensation (<see cref="CompensatedSum"/>).
/// float32 is widened to double as it is loaded, so float32 sums of 10^8 elements keep
/// float64-level accuracy. Under <see cref="SkipNaN"/> NaN lanes are replaced by 0 (and not
/// counted) instead of leaving the vector loop.
/// </summary>
/// <remarks>
/// Each kernel is written once over <c>&lt;TVec, TOps&gt;</c> and reached through a three-way
/// test of the width tag, which the JIT folds. Widths differ only in how partial sums are
/// associated (lanes per accumulator), which changes float sums by reassociation only.
/// </remarks>
internal static class TileSums
{
    /// <summary>The sum of a run and how many values it holds (NaN not counted under <see cref="SkipNaN"/>).</summary>
    public static (double Sum, long Count) Sum<T, TNan, TW>(ReadOnlySpan<T> values)
        where T : INumber<T>
        where TNan : INanPolicy
        where TW : IVectorWidth
    {
        if (typeof(T) == typeof(double))
        {
            return SumAt<double, DoubleLoad, TNan, TW>(As<T, double>(values));
        }
        if (typeof(T) == typeof(float))
        {
            return SumAt<float, SingleLoad, TNan, TW>(As<T, float>(values));
        }
        return (IntegerSums.Sum<T, TW>(values), values.Length); // integers have no NaN
    }

    /// <summary>The sum of squared deviations from <paramref name="mean"/> (the M2 of a run); NaN skipped under <see cref="SkipNaN"/>.</summary>
    public static double SquaredDeviations<T, TNan, TW>(ReadOnlySpan<T> values, double mean)
        where T : INumber<T>
        where TNan : INanPolicy
        where TW : IVectorWidth
    {
        if (typeof(T) == typeof(double))
        {
            return SquaredDeviationsAt<double, DoubleLoad, TNan, TW>(As<T, double>(values), mean);
        }
        if (typeof(T) == typeof(float))
        {
            return SquaredDeviationsAt<float, SingleLoad, TNan, TW>(As<T, float>(values), mean);
        }
        // Integers: exact in double up to 2^53, so a scalar pass over the (cached) run is only a
        // cost for int64 std, which NumPy also computes through a float64 temporary.
        double s = 0;
        foreach (var v in values)
        {
            var d = double.CreateTruncating(v) - mean;
            s += d * d;
        }
        return s;
    }

    /// <summary>
    /// In one pass, the number of values, the sum of their deviations from <paramref name="shift"/>
    /// and the sum of the squares of those: a run's count, mean and M2 with each value read (and,
    /// for float32, widened) once. M2 = sum of squares − sum² / n loses relative accuracy only in
    /// proportion to n (mean − shift)² / M2, so callers shift by an estimate of the mean.
    /// </summary>
    public static (long Count, double Deviations, double Squares) ShiftedSums<T, TNan, TW>(ReadOnlySpan<T> values, double shift)
        where T : INumber<T>
        where TNan : INanPolicy
        where TW : IVectorWidth
    {
        if (typeof(T) == typeof(double))
        {
            return ShiftedSumsAt<double, DoubleLoad, TNan, TW>(As<T, double>(values), shift);
        }
        if (typeof(T) == typeof(float))
        {
            return ShiftedSumsAt<float, SingleLoad, TNan, TW>(As<T, float>(values), shift);
        }
        double s1 = 0, s2 = 0;
        foreach (var v in values)
        {
            var d = double.CreateTruncating(v) - shift;
            s1 += d;
            s2 += d * d;
        }
        return (values.Length, s1, s2);
    }

    // Reinterprets a span whose element type was just tested to be TTo (generic math types
    // cannot be constrained to struct here, which MemoryMarshal.Cast requires).
    internal static ReadOnlySpan<TTo> As<T, TTo>(ReadOnlySpan<T> values) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, TTo>(ref MemoryMarshal.GetReference(values)), values.Length);

    private static (double, long) SumAt<T, TLoad, TNan, TW>(ReadOnlySpan<T> x)
        where TLoad : IWideningLoad<T>
        where TNan : INanPolicy
        where TW : IVectorWidth =>
        typeof(TW) == typeof(Width512) ? SumCore<T, TLoad, TNan, Vector512<double>, Simd512<double>>(x)
        : typeof(TW) == typeof(Width256) ? SumCore<T, TLoad, TNan, Vector256<double>, Simd256<double>>(x)
        : SumCore<T, TLoad, TNan, Vector128<double>, Simd128<double>>(x);

    private static double SquaredDeviationsAt<T, TLoad, TNan, TW>(ReadOnlySpan<T> x, double mean)
        where TLoad : IWideningLoad<T>
        where TNan : INanPolicy
        where TW : IVectorWidth =>
        typeof(TW) == typeof(Width512) ? SquaredDeviationsCore<T, TLoad, TNan, Vector512<double>, Simd512<double>>(x, mean)
        : typeof(TW) == typeof(Width256) ? SquaredDeviationsCore<T, TLoad, TNan, Vector256<double>, Simd256<double>>(x, mean)
        : SquaredDeviationsCore<T, TLoad, TNan, Vector128<double>, Simd128<double>>(x, mean);

    private static (long, double, double) ShiftedSumsAt<T, TLoad, TNan, TW>(ReadOnlySpan<T> x, double shift)
        where TLoad : IWideningLoad<T>
        where TNan : INanPolicy
        where TW : IVectorWidth =>
        typeof(TW) == typeof(Width512) ? ShiftedSumsCore<T, TLoad, TNan, Vector512<double>, Simd512<double>>(x, shift)
        : typeof(TW) == typeof(Width256) ? ShiftedSumsCore<T, TLoad, TNan, Vector256<double>, Simd256<double>>(x, shift)
        : ShiftedSumsCore<T, TLoad, TNan, Vector128<double>, Simd128<double>>(x, shift);

    /// <summary>
    /// <paramref name="v"/> with NaN lanes set to 0 under <see cref="SkipNaN"/>, and 1 added to
    /// <paramref name="count"/> in every other lane (unchanged under <see cref="PropagateNaN"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Keep<TVec, TOps, TNan>(TVec v, ref TVec count)
        where TVec : struct
        where TOps : ISimd<double, TVec>
        where TNan : INanPolicy
    {
        if (!TNan.Skip)
        {
            return v;
        }
        var kept = TOps.Equals(v, v);
        count = TOps.Add(count, TOps.ConditionalSelect(kept, TOps.Broadcast(1), TOps.Zero));
        return TOps.ConditionalSelect(kept, v, TOps.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double, long) SumCore<T, TLoad, TNan, TVec, TOps>(ReadOnlySpan<T> values)
        where TLoad : IWideningLoad<T>
        where TNan : INanPolicy
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)values.Length;
        nuint i = 0;
        TVec a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
        TVec k0 = TOps.Zero, k1 = TOps.Zero;
        for (; i + (4 * w) <= n; i += 4 * w)
        {
            var (l0, h0) = TLoad.Pair<TVec, TOps>(ref x, i);
            var (l1, h1) = TLoad.Pair<TVec, TOps>(ref x, i + (2 * w));
            a0 = TOps.Add(a0, Keep<TVec, TOps, TNan>(l0, ref k0));
            a1 = TOps.Add(a1, Keep<TVec, TOps, TNan>(h0, ref k1));
            a2 = TOps.Add(a2, Keep<TVec, TOps, TNan>(l1, ref k0));
            a3 = TOps.Add(a3, Keep<TVec, TOps, TNan>(h1, ref k1));
        }
        var s = TOps.Sum(TOps.Add(TOps.Add(a0, a1), TOps.Add(a2, a3)));
        var count = TNan.Skip ? (long)TOps.Sum(TOps.Add(k0, k1)) : (long)i;
        for (; i < n; i++)
        {
            var v = TLoad.One(ref x, i);
            if (!TNan.Skip || !double.IsNaN(v))
            {
                s += v;
                count++;
            }
        }
        return (s, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SquaredDeviationsCore<T, TLoad, TNan, TVec, TOps>(ReadOnlySpan<T> values, double mean)
        where TLoad : IWideningLoad<T>
        where TNan : INanPolicy
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)values.Length;
        var m = TOps.Broadcast(mean);
        nuint i = 0;
        TVec a0 = TOps.Zero, a1 = TOps.Zero;
        for (; i + (2 * w) <= n; i += 2 * w)
        {
            var (low, high) = TLoad.Pair<TVec, TOps>(ref x, i);
            // NaN lanes become 0 before the shift, so their deviation is replaced as well.
            var d0 = DeviationOf<TVec, TOps, TNan>(low, m);
            var d1 = DeviationOf<TVec, TOps, TNan>(high, m);
            a0 = TOps.MultiplyAdd(d0, d0, a0);
            a1 = TOps.MultiplyAdd(d1, d1, a1);
        }
        var s = TOps.Sum(TOps.Add(a0, a1));
        for (; i < n; i++)
        {
            var v = TLoad.One(ref x, i);
            if (!TNan.Skip || !double.IsNaN(v))
            {
                var d = v - mean;
                s += d * d;
            }
        }
        return s;
    }

    /// <summary>v − m, or 0 in NaN lanes under <see cref="SkipNaN"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec DeviationOf<TVec, TOps, TNan>(TVec v, TVec m)
        where TVec : struct
        where TOps : ISimd<double, TVec>
        where TNan : INanPolicy =>
        TNan.Skip ? TOps.ConditionalSelect(TOps.Equals(v, v), TOps.Subtract(v, m), TOps.Zero) : TOps.Subtract(v, m);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (long, double, double) ShiftedSumsCore<T, TLoad, TNan, TVec, TOps>(ReadOnlySpan<T> values, double shift)
        where TLoad : IWideningLoad<T>
        where TNan : INanPolicy
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)values.Length;
        var k = TOps.Broadcast(shift);
        nuint i = 0;
        TVec s0 = TOps.Zero, s1 = TOps.Zero, q0 = TOps.Zero, q1 = TOps.Zero, c0 = TOps.Zero, c1 = TOps.Zero;
        for (; i + (2 * w) <= n; i += 2 * w)
        {
            var (low, high) = TLoad.Pair<TVec, TOps>(ref x, i);
            // MultiplyAdd, not FusedMultiplyAdd: without FMA hardware (SSE) the fused form is
            // emulated per lane, which made std 15x slower at 128 bits than at 256.
            var d0 = Keep<TVec, TOps, TNan>(TOps.Subtract(low, k), ref c0);
            var d1 = Keep<TVec, TOps, TNan>(TOps.Subtract(high, k), ref c1);
            s0 = TOps.Add(s0, d0);
            s1 = TOps.Add(s1, d1);
            q0 = TOps.MultiplyAdd(d0, d0, q0);
            q1 = TOps.MultiplyAdd(d1, d1, q1);
        }
        double sum = TOps.Sum(TOps.Add(s0, s1)), squares = TOps.Sum(TOps.Add(q0, q1));
        var count = TNan.Skip ? (long)TOps.Sum(TOps.Add(c0, c1)) : (long)i;
        for (; i < n; i++)
        {
            var v = TLoad.One(ref x, i);
            if (!TNan.Skip || !double.IsNaN(v))
            {
                var d = v - shift;
                sum += d;
                squares += d * d;
                count++;
            }
        }
        return (count, sum, squares);
    }
}
