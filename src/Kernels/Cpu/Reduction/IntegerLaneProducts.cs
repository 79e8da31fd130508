using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// int64 products per output for integer prod and nanprod that keep the innermost axis
/// (prod(axis=0) of int32 or int64, in int64 as NumPy's result): each row is multiplied in with
/// one vector multiply per vector of outputs (int32 sign-extended), wrapping on overflow, where
/// the accumulators took one scalar multiply per element. Multiplication modulo 2^64 is
/// associative and commutative, so the lanes give exactly the accumulators' wrapped products at
/// every width, and go to them once, at the end.
/// </summary>
internal sealed class IntegerLaneProducts : IKeptAxisLanes
{
    private readonly long[] _products;

    public IntegerLaneProducts(int outputs)
    {
        _products = new long[outputs];
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
        var lanes = LaneRefs<long>.Of(firstOutput, rowLength, _products);
        if (!HasVectorMultiply<TW>())
        {
            MultiplyRowByRow(firstOutput, values, rowLength, rows);
        }
        else if (typeof(T) == typeof(long))
        {
            LaneStrips.AddRows<long, long, Int64Load, MultiplyOperator<long, PropagateNaN>, TW>(lanes, TileSums.As<T, long>(values), rowLength, rows, 0);
        }
        else if (typeof(T) == typeof(int))
        {
            LaneStrips.AddRows<int, long, Int32Load, MultiplyOperator<long, PropagateNaN>, TW>(lanes, TileSums.As<T, int>(values), rowLength, rows, 0);
        }
        else
        {
            throw new NotSupportedException($"Integer lane products read int32 and int64 values, not {typeof(T).Name}.");
        }
    }

    /// <summary>
    /// Whether int64 vectors multiply in hardware at this width (AVX-512DQ, also at 256 and 128
    /// bits with AVX-512VL). Elsewhere (AVX2, SSE, NEON) the runtime builds each 64-bit product
    /// from three 32-bit ones: measured 2x slower at 128 bits than a scalar multiply per lane.
    /// </summary>
    private static bool HasVectorMultiply<TW>()
        where TW : IVectorWidth =>
        typeof(TW) == typeof(Width512) ? Vector512.IsHardwareAccelerated : Avx512DQ.VL.IsSupported;

    /// <summary>The same lanes multiplied a row at a time with scalar multiplies, where vectors have no int64 multiply.</summary>
    private void MultiplyRowByRow<T>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
    {
        var products = _products.AsSpan(firstOutput, rowLength);
        for (var row = 0; row < rows; row++)
        {
            var x = values.Slice(row * rowLength, rowLength);
            if (typeof(T) == typeof(long))
            {
                var v = TileSums.As<T, long>(x);
                for (var i = 0; i < products.Length; i++)
                {
                    products[i] = unchecked(products[i] * v[i]);
                }
            }
            else if (typeof(T) == typeof(int))
            {
                var v = TileSums.As<T, int>(x);
                for (var i = 0; i < products.Length; i++)
                {
                    products[i] = unchecked(products[i] * v[i]);
                }
            }
            else
            {
                throw new NotSupportedException($"Integer lane products read int32 and int64 values, not {typeof(T).Name}.");
            }
        }
    }

    public void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs)
        where TReducer : IReducer<T, TAcc, TOut>
    {
        for (var i = 0; i < _products.Length; i++)
        {
            TReducer.MultiplyLaneWrappingProduct(ref accs[i], _products[i]);
            _products[i] = 1;
        }
    }
}
