using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Tessera.Kernels.Cpu;
using Tessera.ML.Internal;

namespace Tessera.ML.Linear;

/// <summary>
/// One row block's share of a Newton step (dask-glm: the gradient and Hessian are sums of
/// per-block ones): the loss, the gradient and the Hessian at β, packed as
/// [loss, g (p), H (p × p)] with p = features (+ 1 for the intercept, last).
/// </summary>
/// <remarks>
/// The block is read a tile of rows at a time and each tile once, while it is in cache: the
/// linear predictor η by row dot products, the family's loss, residual r and weight w as vector
/// loops over the tile, then one GEMM Aᵀ·B with A = [X, 1] and B = [w·X, w, r], whose first p
/// columns are the tile's Hessian XᵀWX and whose last is its gradient Xᵀr. (Tiles keep every
/// temporary small: a block-sized one would land on the large-object heap every pass.)
/// </remarks>
internal static class GlmPass
{
    private const int Tile = 512;

    public static int Length(int p) => 1 + p + p * p;

    // Hot loops run once per block per pass: compiled optimised at once, not first as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        var q = p + 1;
        var a = intercept ? ArrayPool<double>.Shared.Rent(Tile * p) : null;
        var b = ArrayPool<double>.Shared.Rent(Tile * q);
        var work = ArrayPool<double>.Shared.Rent(4 * Tile);
        // [H | g], p × (p + 1), accumulated over the tiles.
        var products = new double[p * q];
        var loss = 0.0;
        try
        {
            for (var start = 0; start < rows; start += Tile)
            {
                var count = Math.Min(Tile, rows - start);
                var tile = x.Slice(start * d, count * d);
                var eta = work.AsSpan(0, count);
                var residual = work.AsSpan(Tile, count);
                var weight = work.AsSpan(2 * Tile, count);
                LinearPredictor(tile, d, coef, b0, eta);
                loss += TFamily.Tile(eta, y.Slice(start, count), residual, weight, work.AsSpan(3 * Tile, count));
                for (var t = 0; t < count; t++)
                {
                    var row = tile.Slice(t * d, d);
                    TensorPrimitives.Multiply(row, weight[t], b.AsSpan(t * q, d));
                    if (intercept)
                    {
                        b[t * q + d] = weight[t];
                        row.CopyTo(a.AsSpan(t * p, d));
                        a![t * p + d] = 1;
                    }
                    b[t * q + p] = residual[t];
                }
                // Without an intercept A is the tile itself.
                ReadOnlySpan<double> left = intercept ? a.AsSpan(0, count * p) : tile;
                CpuGemm.Gemm(true, false, p, q, count, 1.0, left, p, b, q, 1.0, products, q);
            }
        }
        finally
        {
            if (a is not null)
            {
                ArrayPool<double>.Shared.Return(a);
            }
            ArrayPool<double>.Shared.Return(b);
            ArrayPool<double>.Shared.Return(work);
        }
        result[0] = loss;
        for (var i = 0; i < p; i++)
        {
            result[1 + i] = products[i * q + p];
            products.AsSpan(i * q, p).CopyTo(result.AsSpan(1 + p + i * p, p));
        }
        return result;
    }

    /// <summary>Length of <see cref="Gradient{TFamily, T}"/>'s result: [loss, g (p)].</summary>
    public static int GradientLength(int p) => 1 + p;

    /// <summary>
    /// The block's loss and gradient only, [loss, g (p)], for the solvers that need no Hessian
    /// (L-BFGS): O(p) work per row instead of the Hessian's O(p²).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Gradient<TFamily, T>(Tensor<T> xBlock, Tensor<T> yBlock, double[] beta, bool intercept)
        where TFamily : IGlmFamily
        where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(xBlock);
        var x = Dense.AsDouble(xBlock);
        var y = Dense.AsDouble(yBlock);
        var result = new double[GradientLength(beta.Length)];
        var b0 = intercept ? beta[d] : 0;
        var coef = beta.AsSpan(0, d);
        var gradient = result.AsSpan(1, d);
        var work = ArrayPool<double>.Shared.Rent(4 * Tile);
        try
        {
            for (var start = 0; start < rows; start += Tile)
            {
                var count = Math.Min(Tile, rows - start);
                var tile = x.Slice(start * d, count * d);
                var eta = work.AsSpan(0, count);
                var residual = work.AsSpan(Tile, count);
                LinearPredictor(tile, d, coef, b0, eta);
                result[0] += TFamily.Tile(eta, y.Slice(start, count), residual, work.AsSpan(2 * Tile, count), work.AsSpan(3 * Tile, count));
                for (var t = 0; t < count; t++)
                {
                    TensorPrimitives.MultiplyAdd(tile.Slice(t * d, d), residual[t], gradient, gradient);
                }
                if (intercept)
                {
                    result[1 + d] += TensorPrimitives.Sum<double>(residual);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(work);
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
        LinearPredictor(x, d, coef, b0, eta);
        return Dense.FromDouble<T>(eta);
    }

    /// <summary>η = Xβ + β₀ for the rows of <paramref name="x"/> (row-major, <paramref name="d"/> wide), one per entry of <paramref name="eta"/>.</summary>
    private static void LinearPredictor(ReadOnlySpan<double> x, int d, ReadOnlySpan<double> coef, double b0, Span<double> eta)
    {
        for (var i = 0; i < eta.Length; i++)
        {
            eta[i] = TensorPrimitives.Dot(x.Slice(i * d, d), coef) + b0;
        }
    }
}
