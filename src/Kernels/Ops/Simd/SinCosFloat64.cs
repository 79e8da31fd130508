using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Ops.Simd;

/// <summary>
/// Vectorised float64 sine and cosine (AVX-512), about 1.5x faster than TensorPrimitives' here
/// because both functions share one short path: a single reduction modulo π and a single odd
/// polynomial, with no per-lane branch between a sine and a cosine kernel.
/// </summary>
/// <remarks>
/// sin: x = qπ + r with q = round(x/π), |r| ≤ π/2, so sin x = (-1)^q sin r.
/// cos: x = (q + ½)π + r with q = round(x/π − ½), so cos x = (-1)^(q+1) sin r.
/// r is computed with π split into three doubles (Cody–Waite with FMA): the first product is exact
/// and the first difference exact for |x| ≥ 1, so r keeps full relative accuracy near the zeros.
/// sin r = r + r³·P(r²) with P of degree 7 fitted (Chebyshev nodes, least squares, refined with an
/// exact residual) on [0, (π/2)²]: its error is below 3e-17 of r, under the rounding of the result.
/// Measured against Math.Sin/Cos: at most ~2 ulp on |x| ≤ 1e5, including arguments within 1e-6 of
/// multiples of π/2. Lanes with |x| &gt; 1e5, NaN or ±∞ take Math.Sin/Cos, which reduce exactly.
/// </remarks>
internal static class SinCosFloat64
{
    // The largest |x| the three-part reduction handles with ~1 ulp: q stays below 2^15, so q·π's
    // rounding in the second and third parts stays far under ulp(r) for every double in range.
    private const double ReductionLimit = 1e5;

    private const double InversePi = 0.318309886183790671538;

    // 1.5·2^52: adding it to |y| < 2^51 leaves round(y) in the low bits of the sum (ulp 1 there).
    private const double RoundingShift = 6755399441055744.0;
    private const double PiHigh = 3.141592653589793116;
    private const double PiMiddle = 1.2246467991473532e-16;
    private const double PiLow = -2.9947698097183397e-33;

    private const double C0 = -0.16666666666666666;
    private const double C1 = 0.008333333333333316;
    private const double C2 = -0.00019841269841254988;
    private const double C3 = 2.7557319219166326e-06;
    private const double C4 = -2.5052107617354543e-08;
    private const double C5 = 1.605897733376295e-10;
    private const double C6 = -7.643970924523275e-13;
    private const double C7 = 2.7314520351306605e-15;

    /// <summary>Whether the vector path runs here (else callers keep their own implementation).</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    /// <summary>sin of each element of <paramref name="x"/> into <paramref name="result"/> (may alias).</summary>
    public static void Sin(ReadOnlySpan<double> x, Span<double> result) => Map(x, result, cosine: false);

    /// <summary>cos of each element of <paramref name="x"/> into <paramref name="result"/> (may alias).</summary>
    public static void Cos(ReadOnlySpan<double> x, Span<double> result) => Map(x, result, cosine: true);

    /// <summary>
    /// sin of the eight lanes of <paramref name="x"/>: the per-vector core of <see cref="Sin(ReadOnlySpan{double}, Span{double})"/>,
    /// for callers that evaluate whole expressions in registers. Each lane's result depends on
    /// that lane alone (lanes out of range take Math.Sin, the others the polynomial), so any
    /// grouping of elements into vectors gives the span form's values bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sin(Vector512<double> x) => Evaluate(x, cosine: false);

    /// <summary>cos of the eight lanes of <paramref name="x"/> (see <see cref="Sin(Vector512{double})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Cos(Vector512<double> x) => Evaluate(x, cosine: true);

    /// <summary>Whether every lane of <paramref name="x"/> is within the vector reduction's range (no NaN, ∞ or huge lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWithinLimit(Vector512<double> x) =>
        Vector512.LessThanOrEqualAll(Vector512.Abs(x), Vector512.Create(ReductionLimit));

    /// <summary>
    /// <see cref="Sin(Vector512{double})"/> for a vector that <see cref="IsWithinLimit"/> accepts, with no
    /// branch; other lanes get meaningless values, so a caller checks first or recomputes after.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> SinWithinLimit(Vector512<double> x) => Reduced(x, cosine: false);

    /// <summary>The cosine counterpart of <see cref="SinWithinLimit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> CosWithinLimit(Vector512<double> x) => Reduced(x, cosine: true);

    /// <summary>
    /// Math.Sin or Math.Cos lane by lane: what the span form gives the elements past the last
    /// whole vector, so a caller evaluating a padded tail vector stays bit-identical to it.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> ScalarLanes(Vector512<double> x, bool cosine)
    {
        Span<double> lanes = stackalloc double[Vector512<double>.Count];
        x.CopyTo(lanes);
        Scalar(lanes, lanes, cosine);
        return Vector512.Create<double>(lanes);
    }

    private static void Map(ReadOnlySpan<double> x, Span<double> result, bool cosine)
    {
        if (result.Length < x.Length)
        {
            throw new ArgumentException($"The result holds {result.Length} elements but the input {x.Length}.", nameof(result));
        }
        ref var source = ref MemoryMarshal.GetReference(x);
        ref var destination = ref MemoryMarshal.GetReference(result);
        var i = 0;
        for (; i <= x.Length - Vector512<double>.Count; i += Vector512<double>.Count)
        {
            // The common case computed and stored with no branch joining its value (a join made
            // the JIT pass every result through the stack), the rare one redone after.
            var v = Vector512.LoadUnsafe(ref source, (nuint)i);
            Reduced(v, cosine).StoreUnsafe(ref destination, (nuint)i);
            if (!IsWithinLimit(v))
            {
                MixedLanes(v, cosine).StoreUnsafe(ref destination, (nuint)i);
            }
        }
        Scalar(x[i..], result[i..], cosine);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Evaluate(Vector512<double> v, bool cosine)
    {
        return IsWithinLimit(v) ? Reduced(v, cosine) : MixedLanes(v, cosine);
    }

    // A vector with lanes beyond the limit (or NaN, ±∞): those lanes take Math, the rest the
    // polynomial as in any other vector (computed on zeros where Math answers instead).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<double> MixedLanes(Vector512<double> v, bool cosine)
    {
        var inRange = Vector512.LessThanOrEqual(Vector512.Abs(v), Vector512.Create(ReductionLimit));
        var reduced = Reduced(Vector512.ConditionalSelect(inRange, v, Vector512<double>.Zero), cosine);
        var math = ScalarLanes(v, cosine);
        return Vector512.ConditionalSelect(inRange, reduced, math);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Reduced(Vector512<double> v, bool cosine)
    {
        // The cosine reduces around the half-integer multiples of π: q + ½ instead of q. k, the
        // nearest integer to x/π (− ½), is rounded by adding 1.5·2^52 (ties to even, as Round):
        // k then sits in the low mantissa bits of t, so its parity needs no conversion.
        var shift = Vector512.Create(RoundingShift);
        var t = (cosine ? Vector512.FusedMultiplyAdd(v, Vector512.Create(InversePi), Vector512.Create(-0.5)) : v * Vector512.Create(InversePi)) + shift;
        var k = t - shift;
        var q = cosine ? k + Vector512.Create(0.5) : k;
        var r = Vector512.FusedMultiplyAdd(-q, Vector512.Create(PiHigh), v);
        r = Vector512.FusedMultiplyAdd(-q, Vector512.Create(PiMiddle), r);
        r = Vector512.FusedMultiplyAdd(-q, Vector512.Create(PiLow), r);
        var sine = SinReduced(r);
        // (-1)^n with n = k for sin and k + 1 for cos: k's parity bit moved to the sign bit.
        var sign = (t.AsInt64() << 63).AsDouble();
        var result = cosine ? sine ^ sign ^ Vector512.Create(-0.0) : sine ^ sign;
        // r + r³·P(r²) rounds -0 to +0; sin(±0) is ±0 (the cosine has no zero argument).
        return cosine ? result : Vector512.ConditionalSelect(Vector512.Equals(v, Vector512<double>.Zero), v, result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> SinReduced(Vector512<double> r)
    {
        var r2 = r * r;
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(C7), r2, Vector512.Create(C6));
        p = Vector512.FusedMultiplyAdd(p, r2, Vector512.Create(C5));
        p = Vector512.FusedMultiplyAdd(p, r2, Vector512.Create(C4));
        p = Vector512.FusedMultiplyAdd(p, r2, Vector512.Create(C3));
        p = Vector512.FusedMultiplyAdd(p, r2, Vector512.Create(C2));
        p = Vector512.FusedMultiplyAdd(p, r2, Vector512.Create(C1));
        p = Vector512.FusedMultiplyAdd(p, r2, Vector512.Create(C0));
        return Vector512.FusedMultiplyAdd(p * r2, r, r);
    }

    private static void Scalar(ReadOnlySpan<double> x, Span<double> result, bool cosine)
    {
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = cosine ? Math.Cos(x[i]) : Math.Sin(x[i]);
        }
    }
}
