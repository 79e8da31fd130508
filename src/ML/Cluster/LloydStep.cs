using System.Numerics;
using System.Numerics.Tensors;
using Tessera.ML.Internal;

namespace Tessera.ML.Cluster;

/// <summary>
/// One row block's share of a Lloyd iteration: assign every row to its nearest center
/// (distances by GEMM) and return [per-center sums of rows (k × d), per-center counts (k),
/// inertia]. Summed over blocks this is the whole E and M step; only k·(d + 1) + 1 numbers per
/// block leave the task.
/// </summary>
internal static class LloydStep
{
    public static int Length(int k, int d) => k * d + k + 1;

    public static double[] Block<T>(Tensor<T> block, double[] centers, int k) where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(block);
        var x = Dense.AsDouble(block);
        var result = new double[Length(k, d)];
        var (labels, nearest) = Distances.Nearest(x, rows, d, centers, k);
        var sums = result.AsSpan(0, k * d);
        var counts = result.AsSpan(k * d, k);
        for (var i = 0; i < rows; i++)
        {
            var target = sums.Slice(labels[i] * d, d);
            TensorPrimitives.Add(target, x.Slice(i * d, d), target);
            counts[labels[i]]++;
        }
        result[^1] = TensorPrimitives.Sum<double>(nearest.AsSpan(0, rows));
        Distances.Return(labels, nearest);
        return result;
    }

    /// <summary>The nearest center of every row, as the labels a prediction returns.</summary>
    public static long[] Labels<T>(Tensor<T> block, double[] centers, int k) where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(block);
        var x = Dense.AsDouble(block);
        var (labels, nearest) = Distances.Nearest(x, rows, d, centers, k);
        var result = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            result[i] = labels[i];
        }
        Distances.Return(labels, nearest);
        return result;
    }
}
