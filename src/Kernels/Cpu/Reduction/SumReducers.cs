using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>Float sums, accumulated in double with compensation across runs, runs summed at the width <typeparamref name="TW"/>.</summary>
internal readonly struct FloatSum<T, TNan, TW> : IReducer<T, CompensatedSum, T>
    where T : IFloatingPointIeee754<T>
    where TNan : INanPolicy
    where TW : IVectorWidth
{
    public static CompensatedSum Identity() => default;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref CompensatedSum acc, ReadOnlySpan<T> values, long firstIndex) =>
        acc.Add(TileSums.Sum<T, TNan, TW>(values).Sum);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLanes(Span<CompensatedSum> accs, ReadOnlySpan<T> values, long index)
    {
        for (var i = 0; i < accs.Length; i++)
        {
            if (!TNan.Skip || !T.IsNaN(values[i]))
            {
                accs[i].Add(double.CreateTruncating(values[i]));
            }
        }
    }

    public static T Finish(in CompensatedSum acc, int ddof) => T.CreateTruncating(acc.Value);

    public static bool SumsLanesInDouble => !TNan.Skip && (typeof(T) == typeof(double) || typeof(T) == typeof(float));

    public static void AddLaneSum(ref CompensatedSum acc, double sum, long count) => acc.Add(sum);

    // nan* sums skip NaN lane by lane, so they count values per output (LaneSums counts whole runs).
    public static IKeptAxisLanes? CreateLanes(int outputs) =>
        TNan.Skip && (typeof(T) == typeof(double) || typeof(T) == typeof(float)) ? new NanLaneSums(outputs) : null;
}

/// <summary>Integer sums in int64 (NumPy's result type for int32, int64 and bool), wrapping on overflow.</summary>
internal readonly struct IntegerSum<T, TW> : IReducer<T, long, long>
    where T : IBinaryInteger<T>
    where TW : IVectorWidth
{
    public static long Identity() => 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref long acc, ReadOnlySpan<T> values, long firstIndex) =>
        acc = unchecked(acc + IntegerSums.WrappingSum<T, TW>(values));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLanes(Span<long> accs, ReadOnlySpan<T> values, long index)
    {
        for (var i = 0; i < accs.Length; i++)
        {
            accs[i] += long.CreateTruncating(values[i]);
        }
    }

    public static long Finish(in long acc, int ddof) => acc;

    // Outer-axis sums add whole rows in int64 vector lanes; wrapping addition is exact in any order.
    public static IKeptAxisLanes? CreateLanes(int outputs) => new IntegerLaneSums(outputs);

    public static void AddLaneWrappingSum(ref long acc, long sum, long count) => acc = unchecked(acc + sum);
}

/// <summary>Float products, accumulated in double, runs multiplied at the width <typeparamref name="TW"/>.</summary>
internal readonly struct FloatProduct<T, TNan, TW> : IReducer<T, double, T>
    where T : IFloatingPointIeee754<T>
    where TNan : INanPolicy
    where TW : IVectorWidth
{
    public static double Identity() => 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref double acc, ReadOnlySpan<T> values, long firstIndex) =>
        acc *= TileProducts.Product<T, TNan, TW>(values);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLanes(Span<double> accs, ReadOnlySpan<T> values, long index)
    {
        for (var i = 0; i < accs.Length; i++)
        {
            if (!TNan.Skip || !T.IsNaN(values[i]))
            {
                accs[i] *= double.CreateTruncating(values[i]);
            }
        }
    }

    public static T Finish(in double acc, int ddof) => T.CreateTruncating(acc);

    // Outer-axis products multiply whole rows in vector lanes, in the accumulators' own order.
    public static IKeptAxisLanes? CreateLanes(int outputs) =>
        typeof(T) == typeof(double) || typeof(T) == typeof(float) ? new LaneProducts<TNan>(outputs) : null;

    public static void MultiplyLaneProduct(ref double acc, double product) => acc *= product;
}

/// <summary>Integer products in int64, wrapping on overflow as NumPy does.</summary>
internal readonly struct IntegerProduct<T> : IReducer<T, long, long> where T : IBinaryInteger<T>
{
    public static long Identity() => 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref long acc, ReadOnlySpan<T> values, long firstIndex)
    {
        var p = acc;
        foreach (var v in values)
        {
            p *= long.CreateTruncating(v);
        }
        acc = p;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLanes(Span<long> accs, ReadOnlySpan<T> values, long index)
    {
        for (var i = 0; i < accs.Length; i++)
        {
            accs[i] *= long.CreateTruncating(values[i]);
        }
    }

    public static long Finish(in long acc, int ddof) => acc;

    // Outer-axis products multiply whole rows in int64 vector lanes; wrapping products are exact in any order.
    public static IKeptAxisLanes? CreateLanes(int outputs) => new IntegerLaneProducts(outputs);

    public static void MultiplyLaneWrappingProduct(ref long acc, long product) => acc = unchecked(acc * product);
}
