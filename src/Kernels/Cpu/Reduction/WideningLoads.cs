using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Loads float or double values as pairs of double vectors (float32 widened as it is loaded), so
/// a reduction kernel that accumulates in double is written once for both types. Each pair holds
/// the next 2 × (doubles per vector) values in order: low vector first.
/// </summary>
internal interface IWideningLoad<T>
{
    static abstract (Vector<double> Low, Vector<double> High) Pair(ref T x, nuint i);

    static abstract (Vector512<double> Low, Vector512<double> High) Pair512(ref T x, nuint i);

    static abstract (Vector256<double> Low, Vector256<double> High) Pair256(ref T x, nuint i);

    static abstract double One(ref T x, nuint i);
}

internal readonly struct DoubleLoad : IWideningLoad<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector<double> Low, Vector<double> High) Pair(ref double x, nuint i) =>
        (Vector.LoadUnsafe(ref x, i), Vector.LoadUnsafe(ref x, i + (nuint)Vector<double>.Count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<double> Low, Vector512<double> High) Pair512(ref double x, nuint i) =>
        (Vector512.LoadUnsafe(ref x, i), Vector512.LoadUnsafe(ref x, i + 8));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<double> Low, Vector256<double> High) Pair256(ref double x, nuint i) =>
        (Vector256.LoadUnsafe(ref x, i), Vector256.LoadUnsafe(ref x, i + 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double One(ref double x, nuint i) => Unsafe.Add(ref x, i);
}

internal readonly struct SingleLoad : IWideningLoad<float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector<double> Low, Vector<double> High) Pair(ref float x, nuint i)
    {
        Vector.Widen(Vector.LoadUnsafe(ref x, i), out var low, out var high);
        return (low, high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<double> Low, Vector512<double> High) Pair512(ref float x, nuint i) =>
        Vector512.Widen(Vector512.LoadUnsafe(ref x, i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<double> Low, Vector256<double> High) Pair256(ref float x, nuint i) =>
        Vector256.Widen(Vector256.LoadUnsafe(ref x, i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double One(ref float x, nuint i) => Unsafe.Add(ref x, i);
}
