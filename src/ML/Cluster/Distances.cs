using Tessera.Kernels.Cpu;

namespace Tessera.ML.Cluster;

/// <summary>
/// Squared Euclidean distances from a block's rows to a few centers, as ‖x‖² − 2x·c + ‖c‖²:
/// the cross term is one GEMM (rows × d by d × k), the norms are row sums. Clamped at zero,
/// since rounding can take a tiny distance below it.
/// </summary>
internal static class Distances
{
    public static double[] RowNorms(ReadOnlySpan<double> x, int rows, int d)
    {
        var norms = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = x.Slice(i * d, d);
            norms[i] = System.Numerics.Tensors.TensorPrimitives.Dot(row, row);
        }
        return norms;
    }

    /// <summary>The rows × k matrix of squared distances.</summary>
    public static double[] Squared(ReadOnlySpan<double> x, double[] xNorms, int rows, int d, double[] centers, int k)
    {
        var result = new double[rows * k];
        if (rows == 0 || k == 0)
        {
            return result;
        }
        CpuGemm.Gemm(false, true, rows, k, d, -2.0, x, d, centers, d, 0.0, result, k);
        var cNorms = RowNorms(centers, k, d);
        for (var i = 0; i < rows; i++)
        {
            var row = result.AsSpan(i * k, k);
            for (var j = 0; j < k; j++)
            {
                row[j] = Math.Max(row[j] + xNorms[i] + cNorms[j], 0);
            }
        }
        return result;
    }

    /// <summary>Per row, the nearest center and the squared distance to it.</summary>
    public static (int[] Labels, double[] Nearest) Nearest(double[] squared, int rows, int k)
    {
        var labels = new int[rows];
        var nearest = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = squared.AsSpan(i * k, k);
            var best = 0;
            for (var j = 1; j < k; j++)
            {
                if (row[j] < row[best])
                {
                    best = j;
                }
            }
            labels[i] = best;
            nearest[i] = row[best];
        }
        return (labels, nearest);
    }
}
