using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Loads values of type <typeparamref name="TIn"/> as pairs of <typeparamref name="TLane"/>
/// vectors of any width (widened or converted as they are loaded), so a lane kernel is written
/// once for every input type and width. Each pair holds the next 2 × <c>TOps.Count</c> values in
/// order: low first. <see cref="IWideningLoad{T}"/> (to double) and <see cref="IInt64Load{T}"/>
/// (to int64) are the loads of the tile kernels.
/// </summary>
internal interface ILaneLoad<TIn, TLane>
    where TLane : unmanaged
{
    static abstract (TVec Low, TVec High) Pair<TVec, TOps>(ref TIn x, nuint i)
        where TVec : struct
        where TOps : ISimd<TLane, TVec>;

    static abstract TLane One(ref TIn x, nuint i);
}

/// <summary>Values loaded as they are: two vectors of the input's own type (min, max, argmin, argmax).</summary>
internal readonly struct SameLoad<T> : ILaneLoad<T, T>
    where T : unmanaged
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TVec Low, TVec High) Pair<TVec, TOps>(ref T x, nuint i)
        where TVec : struct
        where TOps : ISimd<T, TVec> =>
        (TOps.LoadUnsafe(ref x, i), TOps.LoadUnsafe(ref x, i + (nuint)TOps.Count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T One(ref T x, nuint i) => Unsafe.Add(ref x, i);
}

/// <summary>bool values as bytes (0 or 1, as .NET stores them), for any and all.</summary>
internal readonly struct BoolLoad : ILaneLoad<bool, byte>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TVec Low, TVec High) Pair<TVec, TOps>(ref bool x, nuint i)
        where TVec : struct
        where TOps : ISimd<byte, TVec>
    {
        ref var bytes = ref Unsafe.As<bool, byte>(ref x);
        return (TOps.LoadUnsafe(ref bytes, i), TOps.LoadUnsafe(ref bytes, i + (nuint)TOps.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte One(ref bool x, nuint i) => Unsafe.As<bool, byte>(ref Unsafe.Add(ref x, i));
}

/// <summary>
/// int32 values as doubles (exact): one int32 vector sign-extended to two int64 vectors, each
/// converted, for the moments of integers (var and std accumulate in double, as NumPy's do).
/// </summary>
internal readonly struct Int32ToDoubleLoad : ILaneLoad<int, double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TVec Low, TVec High) Pair<TVec, TOps>(ref int x, nuint i)
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        if (typeof(TVec) == typeof(Vector512<double>))
        {
            var (low, high) = Vector512.Widen(Vector512.LoadUnsafe(ref x, i));
            return (Unsafe.BitCast<Vector512<double>, TVec>(Vector512.ConvertToDouble(low)), Unsafe.BitCast<Vector512<double>, TVec>(Vector512.ConvertToDouble(high)));
        }
        if (typeof(TVec) == typeof(Vector256<double>))
        {
            var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref x, i));
            return (Unsafe.BitCast<Vector256<double>, TVec>(Vector256.ConvertToDouble(low)), Unsafe.BitCast<Vector256<double>, TVec>(Vector256.ConvertToDouble(high)));
        }
        if (typeof(TVec) == typeof(Vector128<double>))
        {
            var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref x, i));
            return (Unsafe.BitCast<Vector128<double>, TVec>(Vector128.ConvertToDouble(low)), Unsafe.BitCast<Vector128<double>, TVec>(Vector128.ConvertToDouble(high)));
        }
        throw new NotSupportedException($"No int32-to-double load to {typeof(TVec).Name}: use Vector128, Vector256 or Vector512 of double.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double One(ref int x, nuint i) => Unsafe.Add(ref x, i);
}

/// <summary>
/// int64 values converted to double one by one (rounded to nearest, as NumPy's float64
/// accumulator converts them), for the mean and moments of int64, whose int64 sum could wrap.
/// </summary>
internal readonly struct Int64ToDoubleLoad : ILaneLoad<long, double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TVec Low, TVec High) Pair<TVec, TOps>(ref long x, nuint i)
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        if (typeof(TVec) == typeof(Vector512<double>))
        {
            return (Unsafe.BitCast<Vector512<double>, TVec>(Vector512.ConvertToDouble(Vector512.LoadUnsafe(ref x, i))),
                Unsafe.BitCast<Vector512<double>, TVec>(Vector512.ConvertToDouble(Vector512.LoadUnsafe(ref x, i + 8))));
        }
        if (typeof(TVec) == typeof(Vector256<double>))
        {
            return (Unsafe.BitCast<Vector256<double>, TVec>(Vector256.ConvertToDouble(Vector256.LoadUnsafe(ref x, i))),
                Unsafe.BitCast<Vector256<double>, TVec>(Vector256.ConvertToDouble(Vector256.LoadUnsafe(ref x, i + 4))));
        }
        if (typeof(TVec) == typeof(Vector128<double>))
        {
            return (Unsafe.BitCast<Vector128<double>, TVec>(Vector128.ConvertToDouble(Vector128.LoadUnsafe(ref x, i))),
                Unsafe.BitCast<Vector128<double>, TVec>(Vector128.ConvertToDouble(Vector128.LoadUnsafe(ref x, i + 2))));
        }
        throw new NotSupportedException($"No int64-to-double load to {typeof(TVec).Name}: use Vector128, Vector256 or Vector512 of double.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double One(ref long x, nuint i) => Unsafe.Add(ref x, i);
}
