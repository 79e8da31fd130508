using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// The extreme value of a run and the first index of a value, at the vector width <c>TW</c> in
/// the run's own element type (min and max are exact, so every width gives the same answer).
/// NaN propagates as in NumPy's min/max (IEEE 754:2019 minimum and maximum), or is skipped.
/// </summary>
internal static class OrderKernels
{
    /// <summary>
    /// The smallest or largest value of a non-empty run; <paramref name="seen"/> is false only
    /// when NaN is skipped and the run holds nothing else.
    /// </summary>
    public static T Extreme<T, TDir, TNan, TW>(ReadOnlySpan<T> values, out bool seen)
        where T : INumber<T>
        where TDir : IDirection
        where TNan : INanPolicy
        where TW : IVectorWidth
    {
        if (typeof(T) == typeof(double))
        {
            var r = ExtremeAt<double, TDir, TNan, TW>(TileSums.As<T, double>(values), out seen);
            return Unsafe.As<double, T>(ref r);
        }
        if (typeof(T) == typeof(float))
        {
            var r = ExtremeAt<float, TDir, TNan, TW>(TileSums.As<T, float>(values), out seen);
            return Unsafe.As<float, T>(ref r);
        }
        if (typeof(T) == typeof(long))
        {
            var r = ExtremeAt<long, TDir, TNan, TW>(TileSums.As<T, long>(values), out seen);
            return Unsafe.As<long, T>(ref r);
        }
        if (typeof(T) == typeof(int))
        {
            var r = ExtremeAt<int, TDir, TNan, TW>(TileSums.As<T, int>(values), out seen);
            return Unsafe.As<int, T>(ref r);
        }
        throw new NotSupportedException($"min and max read float32, float64, int32 and int64, not {typeof(T).Name}.");
    }

    /// <summary>The first index in the run of <paramref name="value"/> (of the first NaN when it is NaN), or −1.</summary>
    public static int FirstIndexOf<T, TW>(ReadOnlySpan<T> values, T value)
        where T : INumber<T>
        where TW : IVectorWidth
    {
        if (typeof(T) == typeof(double))
        {
            return FirstIndexAt<double, TW>(TileSums.As<T, double>(values), Unsafe.As<T, double>(ref value));
        }
        if (typeof(T) == typeof(float))
        {
            return FirstIndexAt<float, TW>(TileSums.As<T, float>(values), Unsafe.As<T, float>(ref value));
        }
        if (typeof(T) == typeof(long))
        {
            return FirstIndexAt<long, TW>(TileSums.As<T, long>(values), Unsafe.As<T, long>(ref value));
        }
        if (typeof(T) == typeof(int))
        {
            return FirstIndexAt<int, TW>(TileSums.As<T, int>(values), Unsafe.As<T, int>(ref value));
        }
        throw new NotSupportedException($"argmin and argmax read float32, float64, int32 and int64, not {typeof(T).Name}.");
    }

    private static T ExtremeAt<T, TDir, TNan, TW>(ReadOnlySpan<T> x, out bool seen)
        where T : unmanaged, INumber<T>
        where TDir : IDirection
        where TNan : INanPolicy
        where TW : IVectorWidth =>
        typeof(TW) == typeof(Width512) ? ExtremeCore<T, TDir, TNan, Vector512<T>, Simd512<T>>(x, out seen)
        : typeof(TW) == typeof(Width256) ? ExtremeCore<T, TDir, TNan, Vector256<T>, Simd256<T>>(x, out seen)
        : ExtremeCore<T, TDir, TNan, Vector128<T>, Simd128<T>>(x, out seen);

    private static int FirstIndexAt<T, TW>(ReadOnlySpan<T> x, T value)
        where T : unmanaged, INumber<T>
        where TW : IVectorWidth =>
        typeof(TW) == typeof(Width512) ? FirstIndexCore<T, Vector512<T>, Simd512<T>>(x, value)
        : typeof(TW) == typeof(Width256) ? FirstIndexCore<T, Vector256<T>, Simd256<T>>(x, value)
        : FirstIndexCore<T, Vector128<T>, Simd128<T>>(x, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Better<T, TDir, TVec, TOps>(TVec a, TVec b)
        where T : unmanaged
        where TDir : IDirection
        where TVec : struct
        where TOps : ISimd<T, TVec> =>
        typeof(TDir) == typeof(Largest) ? TOps.Max(a, b) : TOps.Min(a, b);

    /// <summary>NaN lanes replaced by <paramref name="identity"/> when skipped; values as they are otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Kept<T, TNan, TVec, TOps>(TVec v, TVec identity)
        where T : unmanaged
        where TNan : INanPolicy
        where TVec : struct
        where TOps : ISimd<T, TVec> =>
        TNan.Skip ? TOps.ConditionalSelect(TOps.Equals(v, v), v, identity) : v;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T ExtremeCore<T, TDir, TNan, TVec, TOps>(ReadOnlySpan<T> values, out bool seen)
        where T : unmanaged, INumber<T>
        where TDir : IDirection
        where TNan : INanPolicy
        where TVec : struct
        where TOps : ISimd<T, TVec>
    {
        // Skipped NaN become the direction's identity (+inf for min); a result equal to it is
        // then checked for whether anything but NaN was there at all.
        var identity = T.CreateTruncating(typeof(TDir) == typeof(Largest) ? double.NegativeInfinity : double.PositiveInfinity);
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = TOps.Count;
        var n = values.Length;
        T best;
        if (n < w)
        {
            best = identity;
            var any = false;
            for (var j = 0; j < n; j++)
            {
                var v = Unsafe.Add(ref x, j);
                if (TNan.Skip && T.IsNaN(v))
                {
                    continue;
                }
                best = !any ? v : Scalar<T, TDir>(best, v);
                any = true;
            }
            seen = any;
            return best;
        }
        var fill = TOps.Broadcast(identity);
        var a0 = Kept<T, TNan, TVec, TOps>(TOps.LoadUnsafe(ref x, 0), fill);
        var a1 = a0;
        var i = (nuint)w;
        var step = (nuint)w;
        var end = (nuint)n;
        for (; i + (4 * step) <= end; i += 4 * step)
        {
            a0 = Better<T, TDir, TVec, TOps>(a0, Kept<T, TNan, TVec, TOps>(TOps.LoadUnsafe(ref x, i), fill));
            a1 = Better<T, TDir, TVec, TOps>(a1, Kept<T, TNan, TVec, TOps>(TOps.LoadUnsafe(ref x, i + step), fill));
            a0 = Better<T, TDir, TVec, TOps>(a0, Kept<T, TNan, TVec, TOps>(TOps.LoadUnsafe(ref x, i + (2 * step)), fill));
            a1 = Better<T, TDir, TVec, TOps>(a1, Kept<T, TNan, TVec, TOps>(TOps.LoadUnsafe(ref x, i + (3 * step)), fill));
        }
        for (; i + step <= end; i += step)
        {
            a0 = Better<T, TDir, TVec, TOps>(a0, Kept<T, TNan, TVec, TOps>(TOps.LoadUnsafe(ref x, i), fill));
        }
        if (i < end)
        {
            // The last vector overlaps ones already read: min and max do not mind seeing a value twice.
            a1 = Better<T, TDir, TVec, TOps>(a1, Kept<T, TNan, TVec, TOps>(TOps.LoadUnsafe(ref x, end - step), fill));
        }
        Span<T> lanes = stackalloc T[w];
        TOps.CopyTo(Better<T, TDir, TVec, TOps>(a0, a1), lanes);
        best = lanes[0];
        for (var j = 1; j < w; j++)
        {
            best = Scalar<T, TDir>(best, lanes[j]);
        }
        seen = !TNan.Skip || best != identity || ContainsNonNaN(values);
        return seen ? best : identity;
    }

    /// <summary>min or max of two values, NaN propagating (the vector Min and Max's rule).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Scalar<T, TDir>(T a, T b)
        where T : INumber<T>
        where TDir : IDirection =>
        T.IsNaN(a) ? a : T.IsNaN(b) ? b : typeof(TDir) == typeof(Largest) ? T.MaxNumber(a, b) : T.MinNumber(a, b);

    private static bool ContainsNonNaN<T>(ReadOnlySpan<T> values) where T : INumber<T>
    {
        foreach (var v in values)
        {
            if (!T.IsNaN(v))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether any lane of a comparison mask is set. Float lanes of all ones are NaN, which fail
    /// ≤; integer lanes of all ones are −1, below 0. One compare and test, no horizontal sum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AnySet<T, TVec, TOps>(TVec mask)
        where T : unmanaged
        where TVec : struct
        where TOps : ISimd<T, TVec> =>
        typeof(T) == typeof(double) || typeof(T) == typeof(float)
            ? !TOps.LessThanOrEqualAll(mask, mask)
            : !TOps.LessThanOrEqualAll(TOps.Zero, mask);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FirstIndexCore<T, TVec, TOps>(ReadOnlySpan<T> values, T value)
        where T : unmanaged, INumber<T>
        where TVec : struct
        where TOps : ISimd<T, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)values.Length;
        var nan = T.IsNaN(value);
        var target = TOps.Broadcast(value);
        nuint i = 0;
        for (; i + w <= n; i += w)
        {
            var v = TOps.LoadUnsafe(ref x, i);
            // A NaN lane is the one where v ≤ v fails.
            if (nan ? !TOps.LessThanOrEqualAll(v, v) : AnySet<T, TVec, TOps>(TOps.Equals(v, target)))
            {
                break;
            }
        }
        for (; i < n; i++)
        {
            var v = Unsafe.Add(ref x, i);
            if (nan ? T.IsNaN(v) : v == value)
            {
                return (int)i;
            }
        }
        return -1;
    }
}
