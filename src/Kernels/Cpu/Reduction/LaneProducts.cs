using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        ref var products = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_products), firstOutput);
        if (typeof(T) == typeof(double))
        {
            AddRowsAt<double, DoubleLoad, TW>(ref products, TileSums.As<T, double>(values), rowLength, rows);
        }
        else if (typeof(T) == typeof(float))
        {
            AddRowsAt<float, SingleLoad, TW>(ref products, TileSums.As<T, float>(values), rowLength, rows);
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

    private static void AddRowsAt<T, TLoad, TW>(ref double products, ReadOnlySpan<T> x, int rowLength, int rows)
        where TLoad : IWideningLoad<T>
        where TW : IVectorWidth
    {
        if (typeof(TW) == typeof(Width512))
        {
            AddRows<T, TLoad, Vector512<double>, Simd512<double>>(ref products, x, rowLength, rows);
        }
        else if (typeof(TW) == typeof(Width256))
        {
            AddRows<T, TLoad, Vector256<double>, Simd256<double>>(ref products, x, rowLength, rows);
        }
        else
        {
            AddRows<T, TLoad, Vector128<double>, Simd128<double>>(ref products, x, rowLength, rows);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRows<T, TLoad, TVec, TOps>(ref double products, ReadOnlySpan<T> x, int rowLength, int rows)
        where TLoad : IWideningLoad<T>
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        var row = 0;
        for (; row + 8 <= rows; row += 8)
        {
            AddEightRows<T, TLoad, TVec, TOps>(ref products, x.Slice(row * rowLength, 8 * rowLength), rowLength);
        }
        for (; row < rows; row++)
        {
            AddRow<T, TLoad, TVec, TOps>(ref products, x.Slice(row * rowLength, rowLength));
        }
    }

    /// <summary>A vector of values as factors: NaN become 1 when skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Factor<TVec, TOps>(TVec v, TVec one)
        where TVec : struct
        where TOps : ISimd<double, TVec> =>
        TNan.Skip ? TOps.ConditionalSelect(TOps.Equals(v, v), v, one) : v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Factor(double v) => TNan.Skip && double.IsNaN(v) ? 1 : v;

    /// <summary>One row multiplied into the lanes, two vectors at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow<T, TLoad, TVec, TOps>(ref double products, ReadOnlySpan<T> values)
        where TLoad : IWideningLoad<T>
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)values.Length;
        var one = TOps.Broadcast(1);
        nuint i = 0;
        for (; i + (2 * w) <= n; i += 2 * w)
        {
            var (low, high) = TLoad.Pair<TVec, TOps>(ref x, i);
            TOps.StoreUnsafe(TOps.Multiply(TOps.LoadUnsafe(ref products, i), Factor<TVec, TOps>(low, one)), ref products, i);
            TOps.StoreUnsafe(TOps.Multiply(TOps.LoadUnsafe(ref products, i + w), Factor<TVec, TOps>(high, one)), ref products, i + w);
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref products, i) *= Factor(TLoad.One(ref x, i));
        }
    }

    /// <summary>Eight rows multiplied into the lanes a strip of two vectors at a time, the strip held in registers across the rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddEightRows<T, TLoad, TVec, TOps>(ref double products, ReadOnlySpan<T> values, int rowLength)
        where TLoad : IWideningLoad<T>
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)rowLength;
        var stride = (nuint)rowLength;
        var one = TOps.Broadcast(1);
        nuint i = 0;
        for (; i + (2 * w) <= n; i += 2 * w)
        {
            var p0 = TOps.LoadUnsafe(ref products, i);
            var p1 = TOps.LoadUnsafe(ref products, i + w);
            for (nuint r = 0, at = i; r < 8; r++, at += stride)
            {
                var (low, high) = TLoad.Pair<TVec, TOps>(ref x, at);
                p0 = TOps.Multiply(p0, Factor<TVec, TOps>(low, one));
                p1 = TOps.Multiply(p1, Factor<TVec, TOps>(high, one));
            }
            TOps.StoreUnsafe(p0, ref products, i);
            TOps.StoreUnsafe(p1, ref products, i + w);
        }
        for (; i < n; i++)
        {
            var p = Unsafe.Add(ref products, i);
            for (nuint r = 0, at = i; r < 8; r++, at += stride)
            {
                p *= Factor(TLoad.One(ref x, at));
            }
            Unsafe.Add(ref products, i) = p;
        }
    }
}
