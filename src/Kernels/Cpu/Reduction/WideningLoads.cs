using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Loads float or double values as pairs of double vectors of any width (float32 widened as it
/// is loaded), so a reduction kernel that accumulates in double is written once for both types
/// and every width. Each pair holds the next 2 × <c>TOps.Count</c> values in order: low first.
/// </summary>
internal interface IWideningLoad<T> : ILaneLoad<T, double>;

internal readonly struct DoubleLoad : IWideningLoad<double>
{
    /// <summary>
    /// Two vectors; at 512 bits each is loaded as two 256-bit halves. A double[] starts 16 bytes
    /// past a 64-byte boundary at best, so every 64-byte load spans two cache lines, where half
    /// the 32-byte ones do; aligning the loop instead would make the sums' association (and
    /// last bits) depend on the array's address. The lanes hold the same values either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TVec Low, TVec High) Pair<TVec, TOps>(ref double x, nuint i)
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        if (typeof(TVec) == typeof(Vector512<double>))
        {
            var low = Vector512.Create(Vector256.LoadUnsafe(ref x, i), Vector256.LoadUnsafe(ref x, i + 4));
            var high = Vector512.Create(Vector256.LoadUnsafe(ref x, i + 8), Vector256.LoadUnsafe(ref x, i + 12));
            return (Unsafe.BitCast<Vector512<double>, TVec>(low), Unsafe.BitCast<Vector512<double>, TVec>(high));
        }
        return (TOps.LoadUnsafe(ref x, i), TOps.LoadUnsafe(ref x, i + (nuint)TOps.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double One(ref double x, nuint i) => Unsafe.Add(ref x, i);
}

internal readonly struct SingleLoad : IWideningLoad<float>
{
    /// <summary>
    /// One float vector of the same width, widened. ISimd has no widening member, so the width is
    /// told apart by its vector type; the JIT keeps only the matching branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TVec Low, TVec High) Pair<TVec, TOps>(ref float x, nuint i)
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        if (typeof(TVec) == typeof(Vector512<double>))
        {
            var (low, high) = Vector512.Widen(Vector512.LoadUnsafe(ref x, i));
            return (Unsafe.BitCast<Vector512<double>, TVec>(low), Unsafe.BitCast<Vector512<double>, TVec>(high));
        }
        if (typeof(TVec) == typeof(Vector256<double>))
        {
            var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref x, i));
            return (Unsafe.BitCast<Vector256<double>, TVec>(low), Unsafe.BitCast<Vector256<double>, TVec>(high));
        }
        if (typeof(TVec) == typeof(Vector128<double>))
        {
            var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref x, i));
            return (Unsafe.BitCast<Vector128<double>, TVec>(low), Unsafe.BitCast<Vector128<double>, TVec>(high));
        }
        throw new NotSupportedException($"No widening load to {typeof(TVec).Name}: use Vector128, Vector256 or Vector512 of double.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double One(ref float x, nuint i) => Unsafe.Add(ref x, i);
}
