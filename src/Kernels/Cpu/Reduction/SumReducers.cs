using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>Float sums, accumulated in double with compensation across runs.</summary>
internal readonly struct FloatSum<T, TNan> : IReducer<T, CompensatedSum, T>
    where T : IFloatingPointIeee754<T>
    where TNan : INanPolicy
{
    public static CompensatedSum Identity() => default;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref CompensatedSum acc, ReadOnlySpan<T> values, long firstIndex)
    {
        if (!TNan.Skip)
        {
            acc.Add(TileSums.Sum(values));
            return;
        }
        double s = 0;
        foreach (var v in values)
        {
            if (!T.IsNaN(v))
            {
                s += double.CreateTruncating(v);
            }
        }
        acc.Add(s);
    }

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
}

/// <summary>Integer sums in int64 (NumPy's result type for int32, int64 and bool), wrapping on overflow.</summary>
internal readonly struct IntegerSum<T> : IReducer<T, long, long> where T : IBinaryInteger<T>
{
    public static long Identity() => 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref long acc, ReadOnlySpan<T> values, long firstIndex)
    {
        var s = acc;
        foreach (var v in values)
        {
            s += long.CreateTruncating(v);
        }
        acc = s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddLanes(Span<long> accs, ReadOnlySpan<T> values, long index)
    {
        for (var i = 0; i < accs.Length; i++)
        {
            accs[i] += long.CreateTruncating(values[i]);
        }
    }

    public static long Finish(in long acc, int ddof) => acc;
}

/// <summary>Float products, accumulated in double.</summary>
internal readonly struct FloatProduct<T, TNan> : IReducer<T, double, T>
    where T : IFloatingPointIeee754<T>
    where TNan : INanPolicy
{
    public static double Identity() => 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddRun(ref double acc, ReadOnlySpan<T> values, long firstIndex)
    {
        var p = acc;
        foreach (var v in values)
        {
            if (!TNan.Skip || !T.IsNaN(v))
            {
                p *= double.CreateTruncating(v);
            }
        }
        acc = p;
    }

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
}
