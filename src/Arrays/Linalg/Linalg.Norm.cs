using Tessera.Arrays.Lazy;
using Tessera.Arrays.LinearAlgebra;

namespace Tessera.Arrays;

public static partial class Linalg
{
    /// <summary>
    /// A vector or matrix norm, as numpy.linalg.norm. With no <paramref name="axes"/> and no
    /// <paramref name="ord"/>, the 2-norm of all elements; with no axes and an ord, a 1-D array's
    /// vector norm or a 2-D array's matrix norm. One axis: the vector norm of order
    /// <paramref name="ord"/> (2 when null; ∞ max |x|, −∞ min |x|, 0 the count of nonzeros, any
    /// other p (Σ|x|ᵖ)^(1/p)). Two axes (rows, columns): the matrix norm (Frobenius when null;
    /// 1 / −1 the max / min column sum of |x|, ∞ / −∞ the max / min row sum, 2 / −2 the largest /
    /// smallest singular value). Built from blocked reductions; the 2 and −2 norms take the
    /// singular values by TSQR (2-D only), rechunking the shorter axis to one block.
    /// </summary>
    /// <exception cref="ArgumentException">A matrix norm of an unsupported order, or more than two axes.</exception>
    public static BlockedArray<T> Norm<T>(BlockedArray<T> x, double? ord = null, int[]? axes = null, bool keepDims = false)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        DenseBlock.RequireFloat<T>("Norm");
        if (axes is null && ord is null)
        {
            var all = Enumerable.Range(0, x.Rank).ToArray();
            return Finish(BlockedArray.Sqrt((x * x).Sum(all, keepDims: true)), all, keepDims);
        }
        var resolved = NormAxes(x, axes, "Norm");
        return resolved.Length == 1 ? VectorNorm(x, ord ?? 2, resolved[0], keepDims) : MatrixNorm(x, ord, resolved, keepDims);
    }

    /// <summary>The Frobenius (<c>"fro"</c>) or nuclear (<c>"nuc"</c>, the sum of singular values; 2-D by TSQR) matrix norm over two axes, as numpy.linalg.norm.</summary>
    /// <exception cref="ArgumentException">Another name, or axes that are not two.</exception>
    public static BlockedArray<T> Norm<T>(BlockedArray<T> x, string ord, int[]? axes = null, bool keepDims = false) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ord);
        DenseBlock.RequireFloat<T>("Norm");
        var resolved = NormAxes(x, axes, "Norm");
        if (resolved.Length != 2)
        {
            throw new ArgumentException($"Norm '{ord}' is a matrix norm: it needs two axes, got {resolved.Length}. Pass axes: [0, 1].", nameof(axes));
        }
        return ord switch
        {
            "fro" => Finish(BlockedArray.Sqrt((x * x).Sum(resolved, keepDims: true)), resolved, keepDims),
            "nuc" => SingularNorm(x, resolved, keepDims, s => s.Sum(0, keepDims: true)),
            _ => throw new ArgumentException($"Norm order '{ord}' is not a matrix norm; use \"fro\" or \"nuc\", or a number.", nameof(ord)),
        };
    }

    private static BlockedArray<T> VectorNorm<T>(BlockedArray<T> x, double ord, int axis, bool keepDims) where T : unmanaged
    {
        int[] axes = [axis];
        var magnitude = BlockedArray.Abs(x);
        var norm = ord switch
        {
            double.PositiveInfinity => magnitude.Max(axes, keepDims: true),
            double.NegativeInfinity => magnitude.Min(axes, keepDims: true),
            0 => (magnitude > default(T)).Astype<T>().Sum(axes, keepDims: true),
            1 => magnitude.Sum(axes, keepDims: true),
            2 => BlockedArray.Sqrt((x * x).Sum(axes, keepDims: true)),
            // The root as exp(log(s) / p), not Pow(s, 1 / p): the compiled CPU kernels cache x ** 2
            // and x ** c under one key, so Pow(·, 2) then Pow(·, 3) in one process fails (reported).
            _ => BlockedArray.Exp(BlockedArray.Log(BlockedArray.Pow(magnitude, ord).Sum(axes, keepDims: true)) / DenseBlock.Scalar<T>(ord)),
        };
        return Finish(norm, axes, keepDims);
    }

    private static BlockedArray<T> MatrixNorm<T>(BlockedArray<T> x, double? ord, int[] axes, bool keepDims) where T : unmanaged
    {
        var (rows, cols) = (axes[0], axes[1]);
        var magnitude = BlockedArray.Abs(x);
        return ord switch
        {
            null => Finish(BlockedArray.Sqrt((x * x).Sum(axes, keepDims: true)), axes, keepDims),
            1 => Finish(magnitude.Sum(rows, keepDims: true).Max(cols, keepDims: true), axes, keepDims),
            -1 => Finish(magnitude.Sum(rows, keepDims: true).Min(cols, keepDims: true), axes, keepDims),
            double.PositiveInfinity => Finish(magnitude.Sum(cols, keepDims: true).Max(rows, keepDims: true), axes, keepDims),
            double.NegativeInfinity => Finish(magnitude.Sum(cols, keepDims: true).Min(rows, keepDims: true), axes, keepDims),
            2 => SingularNorm(x, axes, keepDims, s => s.Max(0, keepDims: true)),
            -2 => SingularNorm(x, axes, keepDims, s => s.Min(0, keepDims: true)),
            _ => throw new ArgumentException(
                $"Norm order {ord} is not a matrix norm; use 1, -1, 2, -2, ∞, −∞, null (Frobenius), \"fro\" or \"nuc\".", nameof(ord)),
        };
    }

    /// <summary>A norm from the singular values of a 2-D array: TSQR needs one block across the shorter axis, so that axis is rechunked whole.</summary>
    private static BlockedArray<T> SingularNorm<T>(BlockedArray<T> x, int[] axes, bool keepDims, Func<BlockedArray<T>, BlockedArray<T>> reduce)
        where T : unmanaged
    {
        if (x.Rank != 2)
        {
            throw new ArgumentException(
                $"The 2, −2 and nuclear norms are computed for 2-D arrays; this one has shape {BlockShapes.Text(x.Shape)}. " +
                "Take the norm of each matrix separately, or use the Frobenius norm.", nameof(x));
        }
        var tall = x.Shape[0] >= x.Shape[1] ? x : x.T;
        var s = Svd(tall.Rechunk(new Dictionary<int, long> { [1] = -1 })).S;
        var value = reduce(s).Reshape(keepDims ? [1, 1] : []);
        return value;
    }

    /// <summary>Drops the reduced (kept, length-1) axes unless <paramref name="keepDims"/>.</summary>
    private static BlockedArray<T> Finish<T>(BlockedArray<T> norm, int[] axes, bool keepDims) where T : unmanaged =>
        keepDims || axes.Length == 0 ? norm : norm.Squeeze(axes);

    /// <summary>The axes a norm reduces: those given (negatives from the end), else all of a 1-D or 2-D array.</summary>
    private static int[] NormAxes<T>(BlockedArray<T> x, int[]? axes, string operation) where T : unmanaged
    {
        if (axes is null)
        {
            return x.Rank is 1 or 2
                ? [.. Enumerable.Range(0, x.Rank)]
                : throw new ArgumentException(
                    $"{operation} with an order needs axes for a {x.Rank}-D array (numpy: 'Improper number of dimensions to norm'). " +
                    "Pass axes: [axis] for vector norms or [rows, columns] for matrix norms.", nameof(axes));
        }
        var resolved = axes.Select(a => a < 0 ? a + x.Rank : a).ToArray();
        if (resolved.Length is not (1 or 2) || resolved.Any(a => a < 0 || a >= x.Rank) || resolved.Distinct().Count() != resolved.Length)
        {
            throw new ArgumentException(
                $"{operation} takes one axis (a vector norm) or two distinct axes (a matrix norm) of a {x.Rank}-D array; got [{string.Join(", ", axes)}].",
                nameof(axes));
        }
        return resolved;
    }
}
