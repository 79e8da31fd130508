using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Sums over one tile run (at most a tile of a few thousand elements), in double. Four vector
/// accumulators both hide the add latency and split the run into independent partial sums,
/// so the rounding error grows with run length / (4 * lanes), not with the run length; tile
/// results are then merged with compensation (<see cref="CompensatedSum"/>). float32 is widened
/// to double as it is loaded, so float32 sums of 10^8 elements keep float64-level accuracy.
/// </summary>
internal static class TileSums
{
    public static double Sum<T>(ReadOnlySpan<T> values) where T : INumber<T>
    {
        if (typeof(T) == typeof(double))
        {
            return SumDouble(As<T, double>(values));
        }
        if (typeof(T) == typeof(float))
        {
            return SumSingle(As<T, float>(values));
        }
        double s = 0;
        foreach (var v in values)
        {
            s += double.CreateTruncating(v);
        }
        return s;
    }

    /// <summary>The sum of squared deviations from <paramref name="mean"/> (the M2 of a run).</summary>
    public static double SquaredDeviations<T>(ReadOnlySpan<T> values, double mean) where T : INumber<T>
    {
        if (typeof(T) == typeof(double))
        {
            return SquaredDeviationsDouble(As<T, double>(values), mean);
        }
        if (typeof(T) == typeof(float))
        {
            return SquaredDeviationsSingle(As<T, float>(values), mean);
        }
        double s = 0;
        foreach (var v in values)
        {
            var d = double.CreateTruncating(v) - mean;
            s += d * d;
        }
        return s;
    }

    /// <summary>
    /// In one pass, the sum of deviations from <paramref name="shift"/> and the sum of their
    /// squares: a run's count, mean and M2 with each value read (and, for float32, widened)
    /// once. M2 = sum of squares − sum² / n loses relative accuracy only in proportion to
    /// n (mean − shift)² / M2, so callers shift by an estimate of the mean (the mean so far).
    /// </summary>
    public static (double Deviations, double Squares) ShiftedSums<T>(ReadOnlySpan<T> values, double shift) where T : INumber<T>
    {
        if (typeof(T) == typeof(double))
        {
            return ShiftedSums<double, DoubleLoad>(As<T, double>(values), shift);
        }
        if (typeof(T) == typeof(float))
        {
            return ShiftedSums<float, SingleLoad>(As<T, float>(values), shift);
        }
        double s1 = 0, s2 = 0;
        foreach (var v in values)
        {
            var d = double.CreateTruncating(v) - shift;
            s1 += d;
            s2 += d * d;
        }
        return (s1, s2);
    }

    // Reinterprets a span whose element type was just tested to be TTo (generic math types
    // cannot be constrained to struct here, which MemoryMarshal.Cast requires).
    private static ReadOnlySpan<TTo> As<T, TTo>(ReadOnlySpan<T> values) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, TTo>(ref MemoryMarshal.GetReference(values)), values.Length);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumDouble(ReadOnlySpan<double> x)
    {
        var w = Vector<double>.Count;
        var i = 0;
        var a0 = Vector<double>.Zero;
        var a1 = Vector<double>.Zero;
        var a2 = Vector<double>.Zero;
        var a3 = Vector<double>.Zero;
        for (; i <= x.Length - (4 * w); i += 4 * w)
        {
            a0 += new Vector<double>(x.Slice(i));
            a1 += new Vector<double>(x.Slice(i + w));
            a2 += new Vector<double>(x.Slice(i + (2 * w)));
            a3 += new Vector<double>(x.Slice(i + (3 * w)));
        }
        var s = Vector.Sum((a0 + a1) + (a2 + a3));
        for (; i < x.Length; i++)
        {
            s += x[i];
        }
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumSingle(ReadOnlySpan<float> x)
    {
        var w = Vector<float>.Count;
        var i = 0;
        var a0 = Vector<double>.Zero;
        var a1 = Vector<double>.Zero;
        var a2 = Vector<double>.Zero;
        var a3 = Vector<double>.Zero;
        for (; i <= x.Length - (2 * w); i += 2 * w)
        {
            Vector.Widen(new Vector<float>(x.Slice(i)), out var l0, out var h0);
            Vector.Widen(new Vector<float>(x.Slice(i + w)), out var l1, out var h1);
            a0 += l0;
            a1 += h0;
            a2 += l1;
            a3 += h1;
        }
        var s = Vector.Sum((a0 + a1) + (a2 + a3));
        for (; i < x.Length; i++)
        {
            s += x[i];
        }
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SquaredDeviationsDouble(ReadOnlySpan<double> x, double mean)
    {
        var w = Vector<double>.Count;
        var m = new Vector<double>(mean);
        var i = 0;
        var a0 = Vector<double>.Zero;
        var a1 = Vector<double>.Zero;
        for (; i <= x.Length - (2 * w); i += 2 * w)
        {
            var d0 = new Vector<double>(x.Slice(i)) - m;
            var d1 = new Vector<double>(x.Slice(i + w)) - m;
            a0 += d0 * d0;
            a1 += d1 * d1;
        }
        var s = Vector.Sum(a0 + a1);
        for (; i < x.Length; i++)
        {
            var d = x[i] - mean;
            s += d * d;
        }
        return s;
    }

    // float32 is widened to double as it is loaded, as in SumSingle: the deviations and their
    // squares are formed in double, so std of float32 data keeps float64 accuracy.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SquaredDeviationsSingle(ReadOnlySpan<float> x, double mean)
    {
        var w = Vector<float>.Count;
        var m = new Vector<double>(mean);
        var i = 0;
        var a0 = Vector<double>.Zero;
        var a1 = Vector<double>.Zero;
        for (; i <= x.Length - w; i += w)
        {
            Vector.Widen(new Vector<float>(x.Slice(i)), out var low, out var high);
            var d0 = low - m;
            var d1 = high - m;
            a0 += d0 * d0;
            a1 += d1 * d1;
        }
        var s = Vector.Sum(a0 + a1);
        for (; i < x.Length; i++)
        {
            var d = x[i] - mean;
            s += d * d;
        }
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double, double) ShiftedSums<T, TLoad>(ReadOnlySpan<T> x, double shift) where TLoad : IWideningLoad<T>
    {
        ref var start = ref MemoryMarshal.GetReference(x);
        var step = (nuint)(2 * Vector<double>.Count);
        var n = (nuint)x.Length;
        var k = new Vector<double>(shift);
        nuint i = 0;
        Vector<double> s0 = Vector<double>.Zero, s1 = Vector<double>.Zero, q0 = Vector<double>.Zero, q1 = Vector<double>.Zero;
        for (; i + step <= n; i += step)
        {
            var (low, high) = TLoad.Pair(ref start, i);
            var d0 = low - k;
            var d1 = high - k;
            s0 += d0;
            s1 += d1;
            q0 = Vector.FusedMultiplyAdd(d0, d0, q0);
            q1 = Vector.FusedMultiplyAdd(d1, d1, q1);
        }
        double sum = Vector.Sum(s0 + s1), squares = Vector.Sum(q0 + q1);
        for (; i < n; i++)
        {
            var d = TLoad.One(ref start, i) - shift;
            sum += d;
            squares += d * d;
        }
        return (sum, squares);
    }
}
