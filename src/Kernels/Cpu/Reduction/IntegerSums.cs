using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Sums of int32 and int64 runs in int64 lanes at the vector width <c>TW</c>, wrapping on
/// overflow as NumPy's int64 sum does (int32 widened as it is loaded). Integer addition is
/// associative, so every width gives the same result.
/// </summary>
internal static class IntegerSums
{
    /// <summary>The int64 sum of a run, wrapping on overflow.</summary>
    public static long WrappingSum<T, TW>(ReadOnlySpan<T> values)
        where TW : IVectorWidth
    {
        if (typeof(T) == typeof(long))
        {
            return At<long, Int64Load, TW>(TileSums.As<T, long>(values));
        }
        if (typeof(T) == typeof(int))
        {
            return At<int, Int32Load, TW>(TileSums.As<T, int>(values));
        }
        throw new NotSupportedException($"Integer sums read int32 and int64, not {typeof(T).Name}.");
    }

    /// <summary>
    /// The sum in double for mean and var: int32 runs exactly (a run of fewer than 2^32 values
    /// cannot overflow int64); int64 values converted one by one, as NumPy's float64 accumulator
    /// does, since their int64 sum may wrap.
    /// </summary>
    public static double Sum<T, TW>(ReadOnlySpan<T> values)
        where T : INumber<T>
        where TW : IVectorWidth
    {
        if (typeof(T) == typeof(int))
        {
            return WrappingSum<T, TW>(values);
        }
        double s = 0;
        foreach (var v in values)
        {
            s += double.CreateTruncating(v);
        }
        return s;
    }

    private static long At<T, TLoad, TW>(ReadOnlySpan<T> x)
        where TLoad : IInt64Load<T>
        where TW : IVectorWidth =>
        typeof(TW) == typeof(Width512) ? Core<T, TLoad, Vector512<long>, Simd512<long>>(x)
        : typeof(TW) == typeof(Width256) ? Core<T, TLoad, Vector256<long>, Simd256<long>>(x)
        : Core<T, TLoad, Vector128<long>, Simd128<long>>(x);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Core<T, TLoad, TVec, TOps>(ReadOnlySpan<T> values)
        where TLoad : IInt64Load<T>
        where TVec : struct
        where TOps : ISimd<long, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)values.Length;
        nuint i = 0;
        TVec a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
        for (; i + (4 * w) <= n; i += 4 * w)
        {
            var (l0, h0) = TLoad.Pair<TVec, TOps>(ref x, i);
            var (l1, h1) = TLoad.Pair<TVec, TOps>(ref x, i + (2 * w));
            a0 = TOps.Add(a0, l0);
            a1 = TOps.Add(a1, h0);
            a2 = TOps.Add(a2, l1);
            a3 = TOps.Add(a3, h1);
        }
        var s = TOps.Sum(TOps.Add(TOps.Add(a0, a1), TOps.Add(a2, a3)));
        for (; i < n; i++)
        {
            s += TLoad.One(ref x, i);
        }
        return s;
    }
}

/// <summary>Loads int32 or int64 values as pairs of int64 vectors (int32 sign-extended), as <see cref="IWideningLoad{T}"/> does for floats.</summary>
internal interface IInt64Load<T> : ILaneLoad<T, long>;

internal readonly struct Int64Load : IInt64Load<long>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TVec Low, TVec High) Pair<TVec, TOps>(ref long x, nuint i)
        where TVec : struct
        where TOps : ISimd<long, TVec> =>
        (TOps.LoadUnsafe(ref x, i), TOps.LoadUnsafe(ref x, i + (nuint)TOps.Count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long One(ref long x, nuint i) => Unsafe.Add(ref x, i);
}

internal readonly struct Int32Load : IInt64Load<int>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TVec Low, TVec High) Pair<TVec, TOps>(ref int x, nuint i)
        where TVec : struct
        where TOps : ISimd<long, TVec>
    {
        if (typeof(TVec) == typeof(Vector512<long>))
        {
            var (low, high) = Vector512.Widen(Vector512.LoadUnsafe(ref x, i));
            return (Unsafe.BitCast<Vector512<long>, TVec>(low), Unsafe.BitCast<Vector512<long>, TVec>(high));
        }
        if (typeof(TVec) == typeof(Vector256<long>))
        {
            var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref x, i));
            return (Unsafe.BitCast<Vector256<long>, TVec>(low), Unsafe.BitCast<Vector256<long>, TVec>(high));
        }
        if (typeof(TVec) == typeof(Vector128<long>))
        {
            var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref x, i));
            return (Unsafe.BitCast<Vector128<long>, TVec>(low), Unsafe.BitCast<Vector128<long>, TVec>(high));
        }
        throw new NotSupportedException($"No widening load to {typeof(TVec).Name}: use Vector128, Vector256 or Vector512 of long.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long One(ref int x, nuint i) => Unsafe.Add(ref x, i);
}
