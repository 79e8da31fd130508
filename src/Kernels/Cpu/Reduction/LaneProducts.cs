using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Double products per output for prod and nanprod that keep the innermost axis (over outer
/// axes): each row is multiplied in with one vector multiply per vector of outputs (float32
/// widened, NaN taken as 1 under <see cref="SkipNaN"/>), where the accumulators took one scalar
/// multiply per element. Each lane multiplies its output's values in row order from 1, as the
/// accumulators did, so the lanes go to the accumulators once, at the end, with the same result.
/// </summary>
/// <typeparam name="TNan">Whether NaN propagate (prod) or are skipped (nanprod).</typeparam>
internal sealed class LaneProducts<TNan> : IKeptAxisLanes
    where TNan : INanPolicy
{
    private readonly double[] _products;

    public LaneProducts(int outputs)
    {
        _products = new double[outputs];
        _products.AsSpan().Fill(1);
    }

    public bool IsDue => false;

    public int RowsBeforeDue(int rowLength) => int.MaxValue;

    public void Add<T, TW>(int firstOutput, ReadOnlySpan<T> values)
        where TW : IVectorWidth => AddRows<T, TW>(firstOutput, values, values.Length, 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows<T, TW>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
        where TW : IVectorWidth
    {
        var lanes = LaneRefs<double>.Of(firstOutput, rowLength, _products);
        if (typeof(T) == typeof(double))
        {
            LaneStrips.AddRows<double, double, DoubleLoad, MultiplyOperator<double, TNan>, TW>(lanes, TileSums.As<T, double>(values), rowLength, rows, 0);
        }
        else if (typeof(T) == typeof(float))
        {
            LaneStrips.AddRows<float, double, SingleLoad, MultiplyOperator<double, TNan>, TW>(lanes, TileSums.As<T, float>(values), rowLength, rows, 0);
        }
        else
        {
            throw new NotSupportedException($"Lane products hold float and double values, not {typeof(T).Name}.");
        }
    }

    public void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs) where TReducer : IReducer<T, TAcc, TOut>
    {
        for (var i = 0; i < _products.Length; i++)
        {
            TReducer.MultiplyLaneProduct(ref accs[i], _products[i]);
            _products[i] = 1;
        }
    }
}

/// <summary>
/// The lane operator of products: each value multiplies its lane (NaN taken as 1 when skipped,
/// for float lanes; int64 lanes wrap, as NumPy's int64 products do).
/// </summary>
internal readonly struct MultiplyOperator<T, TNan> : ILaneOperator<T>
    where T : unmanaged, INumberBase<T>
    where TNan : INanPolicy
{
    /// <summary>Whether NaN are taken as 1: integers hold no NaN, so they need no masks.</summary>
    private static bool SkipsNaN => TNan.Skip && (typeof(T) == typeof(double) || typeof(T) == typeof(float));

    public static int Accumulated => 1;

    public static bool ReadsFixed => false;

    public static bool ReadsRow => false;

    public static T RowTag(long row) => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate<TVec, TOps>(ref TVec a, ref TVec b, ref TVec c, TVec value, TVec k, TVec row)
        where TVec : struct
        where TOps : ISimd<T, TVec> =>
        a = TOps.Multiply(a, SkipsNaN ? TOps.ConditionalSelect(TOps.Equals(value, value), value, TOps.Broadcast(T.One)) : value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate(ref T a, ref T b, ref T c, T value, T k, T row) =>
        a = unchecked(a * (SkipsNaN && T.IsNaN(value) ? T.One : value));
}
