using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Kernels.Cpu;
using Tessera.ML.Internal;

namespace Tessera.ML.Linear;

/// <summary>
/// One row block's share of a Newton step (dask-glm: the gradient and Hessian are sums of
/// per-block ones): the loss, the gradient and the Hessian at β, packed as
/// [loss, g (p), H (p × p)] with p = features (+ 1 for the intercept, last).
/// The Hessian is one GEMM of the block scaled by √w with itself; the linear predictor and the
/// gradient are row dot products and row updates (a GEMM with one column would pad it to a full
/// register tile and waste most of its work).
/// </summary>
internal static class GlmPass
{
    private const int Tile = 512;

    public static int Length(int p) => 1 + p + p * p;

    public static double[] Block<TFamily, T>(Tensor<T> xBlock, Tensor<T> yBlock, double[] beta, bool intercept)
        where TFamily : IGlmFamily
        where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(xBlock);
        var p = beta.Length;
        var x = Dense.AsDouble(xBlock);
        var y = Dense.AsDouble(yBlock);
        var result = new double[Length(p)];
        if (rows == 0)
        {
            return result;
        }

        var b0 = intercept ? beta[d] : 0;
        var coef = beta.AsSpan(0, d);
        var gradient = result.AsSpan(1, d);
        var hessian = result.AsSpan(1 + p, p * p);
        // √w·X is built a tile of rows at a time (a block-sized temporary would land on the
        // large-object heap every pass) and each tile's Gram matrix is added to H by one GEMM.
        var scaled = ArrayPool<double>.Shared.Rent(Tile * p);
        var loss = 0.0;
        var residualSum = 0.0;
        try
        {
            for (var start = 0; start < rows; start += Tile)
            {
                var count = Math.Min(Tile, rows - start);
                for (var t = 0; t < count; t++)
                {
                    var i = start + t;
                    var row = x.Slice(i * d, d);
                    var (l, r, w) = TFamily.Row(TensorPrimitives.Dot(row, coef) + b0, y[i]);
                    loss += l;
                    residualSum += r;
                    TensorPrimitives.MultiplyAdd(row, r, gradient, gradient);
                    var s = Math.Sqrt(w);
                    TensorPrimitives.Multiply(row, s, scaled.AsSpan(t * p, d));
                    if (intercept)
                    {
                        scaled[t * p + d] = s;
                    }
                }
                CpuGemm.Gemm(true, false, p, p, count, 1.0, scaled, p, scaled, p, 1.0, hessian, p);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scaled);
        }
        result[0] = loss;
        if (intercept)
        {
            result[1 + d] = residualSum;
        }
        return result;
    }

    /// <summary>The block's linear predictor Xβ (+ intercept), in the block's element type.</summary>
    public static T[] Predictor<T>(Tensor<T> xBlock, double[] beta, bool intercept) where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(xBlock);
        var x = Dense.AsDouble(xBlock);
        var coef = beta.AsSpan(0, d);
        var b0 = intercept ? beta[d] : 0;
        var eta = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            eta[i] = TensorPrimitives.Dot(x.Slice(i * d, d), coef) + b0;
        }
        return Dense.FromDouble<T>(eta);
    }
}
