using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Ops.Simd;

/// <summary>
/// Vectorised float64 sine and cosine at every vector width (written once over
/// <see cref="ISimd{T, TVec}"/>), about 1.5x faster than TensorPrimitives' because both functions
/// share one short path: a single reduction modulo π and a single odd polynomial, with no
/// per-lane branch between a sine and a cosine kernel.
/// </summary>
/// <remarks>
/// sin: x = qπ + r with q = round(x/π), |r| ≤ π/2, so sin x = (-1)^q sin r.
/// cos: x = qπ + r with q = round(x/π − ½) + ½, so cos x = (-1)^(q+½) sin r.
/// <para>
/// r is computed with π split into three doubles (Cody–Waite). The first two parts have 35
/// significant bits, so q·<see cref="PiHigh"/> and q·<see cref="PiMiddle"/> are exact for
/// |q| &lt; 2^17 (|x| ≤ 1e5 keeps |q| &lt; 2^15, and the cosine's half-integer q needs one bit more).
/// With exact products a fused multiply-add and a separate multiply and add round alike, so the
/// first two steps give the same r whether the multiply-add is fused or not: without FMA hardware
/// (x86 without AVX2) the kernel uses a separate multiply and add rather than an emulated, very
/// slow fused one, and only the third step and the polynomial round differently. Near the zeros
/// of the result, where r must keep its relative accuracy, x − q·PiHigh is moreover exact
/// (Sterbenz) and the second step's result small enough to be exact. Every width with FMA
/// (AVX-512, AVX2, NEON, and 128-bit SSE on an FMA machine) gives the same bits.
/// </para>
/// <para>
/// sin r = r + r³·P(r²) with P of degree 7 fitted (Chebyshev nodes, least squares, refined with an
/// exact residual) on [0, (π/2)²]: its error is below 3e-17 of r, under the rounding of the result.
/// Measured against Math.Sin/Cos (SinCosFloat64Tests): within 2 ulp on |x| ≤ 1e5, including
/// arguments within 1e-6 of multiples of π/2, with or without FMA. Lanes with |x| &gt; 1e5, NaN or
/// ±∞ take Math.Sin/Cos, which reduce exactly.
/// </para>
/// <para>
/// Every element takes the same path wherever it sits: the elements past the span's last whole
/// vector are evaluated as one zero-padded vector, so an element's value depends neither on the
/// vector width nor on the length or chunking of the array around it.
/// </para>
/// </remarks>
internal static class SinCosFloat64
{
    // The largest |x| the reduction handles with ~1 ulp: q stays below 2^15, so the products with
    // the first two parts of π stay exact, and q·π's error past the third far under ulp(r).
    private const double ReductionLimit = 1e5;

    private const double InversePi = 0.318309886183790671538;

    // 1.5·2^52: adding it to |y| < 2^51 leaves round(y) in the low bits of the sum (ulp 1 there).
    private const double RoundingShift = 6755399441055744.0;

    // π = PiHigh + PiMiddle + PiLow + O(1e-39); the first two with 35 significant bits (see remarks).
    private const double PiHigh = 3.1415926535846666;
    private const double PiMiddle = 5.1266883031679116e-12;
    private const double PiLow = 2.1125998133974855e-23;

    private const double C0 = -0.16666666666666666;
    private const double C1 = 0.008333333333333316;
    private const double C2 = -0.00019841269841254988;
    private const double C3 = 2.7557319219166326e-06;
    private const double C4 = -2.5052107617354543e-08;
    private const double C5 = 1.605897733376295e-10;
    private const double C6 = -7.643970924523275e-13;
    private const double C7 = 2.7314520351306605e-15;

    /// <summary>sin of each element of <paramref name="x"/> into <paramref name="result"/> (may alias), at this process's width.</summary>
    public static void Sin(ReadOnlySpan<double> x, Span<double> result) => Map(x, result, cosine: false);

    /// <summary>cos of each element of <paramref name="x"/> into <paramref name="result"/> (may alias), at this process's width.</summary>
    public static void Cos(ReadOnlySpan<double> x, Span<double> result) => Map(x, result, cosine: true);

    /// <summary>
    /// sin or cos of each element at the width <typeparamref name="TOps"/> (tests run every width the
    /// host has with it; the span forms above pick the widest).
    /// </summary>
    public static void Map<TVec, TOps>(ReadOnlySpan<double> x, Span<double> result, bool cosine)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec>
    {
        if (result.Length < x.Length)
        {
            throw new ArgumentException($"The result holds {result.Length} elements but the input {x.Length}.", nameof(result));
        }
        if (cosine)
        {
            MapLoop<TVec, TOps, CosineKind>(x, result);
        }
        else
        {
            MapLoop<TVec, TOps, SineKind>(x, result);
        }
    }

    /// <summary>
    /// sin of the lanes of <paramref name="x"/>: the per-vector core of the span forms, for callers
    /// that evaluate whole expressions in registers. Each lane's result depends on that lane alone
    /// (lanes out of range take Math.Sin, the others the polynomial), so any grouping of elements
    /// into vectors, at any width with FMA, gives the span form's values bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Sin<TVec, TOps>(TVec x)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec> => Evaluate<TVec, TOps, SineKind>(x);

    /// <summary>cos of the lanes of <paramref name="x"/> (see <see cref="Sin{TVec, TOps}(TVec)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Cos<TVec, TOps>(TVec x)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec> => Evaluate<TVec, TOps, CosineKind>(x);

    /// <summary>Whether every lane of <paramref name="x"/> is within the vector reduction's range (no NaN, ∞ or huge lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWithinLimit<TVec, TOps>(TVec x)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec> =>
        TOps.LessThanOrEqualAll(TOps.Abs(x), TOps.Broadcast(ReductionLimit));

    /// <summary>
    /// <see cref="Sin{TVec, TOps}(TVec)"/> for a vector that <see cref="IsWithinLimit"/> accepts, with no
    /// branch; other lanes get meaningless values, so a caller checks first or recomputes after.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec SinWithinLimit<TVec, TOps>(TVec x)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec> => Reduced<TVec, TOps, SineKind>(x);

    /// <summary>The cosine counterpart of <see cref="SinWithinLimit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec CosWithinLimit<TVec, TOps>(TVec x)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec> => Reduced<TVec, TOps, CosineKind>(x);

    private static void Map(ReadOnlySpan<double> x, Span<double> result, bool cosine)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Map<Vector512<double>, Simd512<double>>(x, result, cosine);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Map<Vector256<double>, Simd256<double>>(x, result, cosine);
        }
        else
        {
            Map<Vector128<double>, Simd128<double>>(x, result, cosine);
        }
    }

    private static unsafe void MapLoop<TVec, TOps, TKind>(ReadOnlySpan<double> x, Span<double> result)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec>
        where TKind : struct, IKind
    {
        ref var source = ref MemoryMarshal.GetReference(x);
        ref var destination = ref MemoryMarshal.GetReference(result);
        var width = TOps.Count;
        var i = 0;
        for (; i <= x.Length - width; i += width)
        {
            // The common case computed and stored with no branch joining its value (a join made
            // the JIT pass every result through the stack), the rare one redone after.
            var v = TOps.LoadUnsafe(ref source, (nuint)i);
            TOps.StoreUnsafe(Reduced<TVec, TOps, TKind>(v), ref destination, (nuint)i);
            if (!IsWithinLimit<TVec, TOps>(v))
            {
                TOps.StoreUnsafe(MixedLanes<TVec, TOps, TKind>(v), ref destination, (nuint)i);
            }
        }
        if (i < x.Length)
        {
            // The tail as one zero-padded vector: the same values as if it were a whole vector.
            var count = x.Length - i;
            var lanes = stackalloc double[width];
            new Span<double>(lanes, width).Clear();
            x[i..].CopyTo(new Span<double>(lanes, count));
            TOps.Store(lanes, Evaluate<TVec, TOps, TKind>(TOps.Load(lanes)));
            new ReadOnlySpan<double>(lanes, count).CopyTo(result[i..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Evaluate<TVec, TOps, TKind>(TVec v)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec>
        where TKind : struct, IKind =>
        IsWithinLimit<TVec, TOps>(v) ? Reduced<TVec, TOps, TKind>(v) : MixedLanes<TVec, TOps, TKind>(v);

    // A vector with lanes beyond the limit (or NaN, ±∞): those lanes take Math, the rest the
    // polynomial as in any other vector (computed on zeros where Math answers instead).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TVec MixedLanes<TVec, TOps, TKind>(TVec v)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec>
        where TKind : struct, IKind
    {
        var inRange = TOps.LessThanOrEqual(TOps.Abs(v), TOps.Broadcast(ReductionLimit));
        var reduced = Reduced<TVec, TOps, TKind>(TOps.ConditionalSelect(inRange, v, TOps.Zero));
        Span<double> lanes = stackalloc double[TOps.Count];
        TOps.CopyTo(v, lanes);
        for (var k = 0; k < lanes.Length; k++)
        {
            lanes[k] = TKind.IsCosine ? Math.Cos(lanes[k]) : Math.Sin(lanes[k]);
        }
        return TOps.ConditionalSelect(inRange, reduced, TOps.Create(lanes));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Reduced<TVec, TOps, TKind>(TVec v)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec>
        where TKind : struct, IKind
    {
        // The cosine reduces around the half-integer multiples of π: q = k + ½. k, the nearest
        // integer to x/π (− ½), is rounded by adding 1.5·2^52 (ties to even, as Round): k then
        // sits in the low mantissa bits of t, so its parity needs no conversion.
        var shift = TOps.Broadcast(RoundingShift);
        var t = TOps.Add(
            TKind.IsCosine
                ? TOps.MultiplyAdd(v, TOps.Broadcast(InversePi), TOps.Broadcast(-0.5))
                : TOps.Multiply(v, TOps.Broadcast(InversePi)),
            shift);
        var k = TOps.Subtract(t, shift);
        var q = TKind.IsCosine ? TOps.Add(k, TOps.Broadcast(0.5)) : k;
        // Exact products and (first step) an exact difference: fused or not, the same r (remarks).
        // q·(−π) rather than (−q)·π: the same value with no negation on the dependent chain.
        var r = TOps.MultiplyAdd(q, TOps.Broadcast(-PiHigh), v);
        r = TOps.MultiplyAdd(q, TOps.Broadcast(-PiMiddle), r);
        r = TOps.MultiplyAdd(q, TOps.Broadcast(-PiLow), r);
        var sine = SinReduced<TVec, TOps>(r);
        // (-1)^n with n = k for sin and k + 1 for cos: k's parity bit moved to the sign bit.
        var result = TOps.Xor(sine, TOps.LowBitToSign(t));
        if (TKind.IsCosine)
        {
            return TOps.Xor(result, TOps.Broadcast(-0.0));
        }
        // r + r³·P(r²) rounds -0 to +0; sin(±0) is ±0 (the cosine has no zero argument).
        return TOps.ConditionalSelect(TOps.Equals(v, TOps.Zero), v, result);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec SinReduced<TVec, TOps>(TVec r)
        where TVec : struct
        where TOps : struct, ISimd<double, TVec>
    {
        // The high terms by pairs in r⁴ (Estrin-like: the pairs are independent), the two low ones
        // by Horner: the dependent chain is five multiply-adds deep instead of seven (the loops
        // around this are bound by that chain's latency, most of all without FMA, where each
        // multiply-add is two steps), while the last roundings, which set the accuracy, stay
        // Horner's (a full Estrin scheme measured 3 ulp).
        var r2 = TOps.Multiply(r, r);
        var r3 = TOps.Multiply(r2, r);
        var r4 = TOps.Multiply(r2, r2);
        var p23 = TOps.MultiplyAdd(TOps.Broadcast(C3), r2, TOps.Broadcast(C2));
        var p45 = TOps.MultiplyAdd(TOps.Broadcast(C5), r2, TOps.Broadcast(C4));
        var p67 = TOps.MultiplyAdd(TOps.Broadcast(C7), r2, TOps.Broadcast(C6));
        var p = TOps.MultiplyAdd(TOps.MultiplyAdd(p67, r4, p45), r4, p23);
        p = TOps.MultiplyAdd(p, r2, TOps.Broadcast(C1));
        p = TOps.MultiplyAdd(p, r2, TOps.Broadcast(C0));
        // r³ is ready long before P(r²), so the chain ends with one multiply-add after it.
        return TOps.MultiplyAdd(p, r3, r);
    }

    // Which function, as a type: the sine and cosine loops are compiled separately, with no test
    // of it per vector.
    private interface IKind
    {
        static abstract bool IsCosine { get; }
    }

    private readonly struct SineKind : IKind
    {
        public static bool IsCosine => false;
    }

    private readonly struct CosineKind : IKind
    {
        public static bool IsCosine => true;
    }
}
