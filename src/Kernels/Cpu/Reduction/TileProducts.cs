using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Products of float runs in double lanes at the vector width <c>TW</c> (float32 widened as it
/// is loaded), four accumulators deep; NaN lanes become 1 when skipped. The lanes' partial
/// products are multiplied together at the end, a reassociation of NumPy's (also pairwise-free)
/// running product, within a few ulps of it unless the partials overflow or underflow.
/// </summary>
internal static class TileProducts
{
    public static double Product<T, TNan, TW>(ReadOnlySpan<T> values)
        where T : INumber<T>
        where TNan : INanPolicy
        where TW : IVectorWidth
    {
        if (typeof(T) == typeof(double))
        {
            return At<double, DoubleLoad, TNan, TW>(TileSums.As<T, double>(values));
        }
        if (typeof(T) == typeof(float))
        {
            return At<float, SingleLoad, TNan, TW>(TileSums.As<T, float>(values));
        }
        throw new NotSupportedException($"Float products read float32 and float64, not {typeof(T).Name}.");
    }

    private static double At<T, TLoad, TNan, TW>(ReadOnlySpan<T> x)
        where TLoad : IWideningLoad<T>
        where TNan : INanPolicy
        where TW : IVectorWidth =>
        typeof(TW) == typeof(Width512) ? Core<T, TLoad, TNan, Vector512<double>, Simd512<double>>(x)
        : typeof(TW) == typeof(Width256) ? Core<T, TLoad, TNan, Vector256<double>, Simd256<double>>(x)
        : Core<T, TLoad, TNan, Vector128<double>, Simd128<double>>(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Kept<TVec, TOps, TNan>(TVec v, TVec one)
        where TVec : struct
        where TOps : ISimd<double, TVec>
        where TNan : INanPolicy =>
        TNan.Skip ? TOps.ConditionalSelect(TOps.Equals(v, v), v, one) : v;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Core<T, TLoad, TNan, TVec, TOps>(ReadOnlySpan<T> values)
        where TLoad : IWideningLoad<T>
        where TNan : INanPolicy
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)values.Length;
        var one = TOps.Broadcast(1);
        TVec p0 = one, p1 = one, p2 = one, p3 = one;
        nuint i = 0;
        for (; i + (4 * w) <= n; i += 4 * w)
        {
            var (l0, h0) = TLoad.Pair<TVec, TOps>(ref x, i);
            var (l1, h1) = TLoad.Pair<TVec, TOps>(ref x, i + (2 * w));
            p0 = TOps.Multiply(p0, Kept<TVec, TOps, TNan>(l0, one));
            p1 = TOps.Multiply(p1, Kept<TVec, TOps, TNan>(h0, one));
            p2 = TOps.Multiply(p2, Kept<TVec, TOps, TNan>(l1, one));
            p3 = TOps.Multiply(p3, Kept<TVec, TOps, TNan>(h1, one));
        }
        Span<double> lanes = stackalloc double[TOps.Count];
        TOps.CopyTo(TOps.Multiply(TOps.Multiply(p0, p1), TOps.Multiply(p2, p3)), lanes);
        double p = 1;
        foreach (var lane in lanes)
        {
            p *= lane;
        }
        for (; i < n; i++)
        {
            var v = TLoad.One(ref x, i);
            if (!TNan.Skip || !double.IsNaN(v))
            {
                p *= v;
            }
        }
        return p;
    }
}
