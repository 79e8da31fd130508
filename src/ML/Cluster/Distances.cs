using System.Buffers;
using System.Numerics.Tensors;
using Tessera.Kernels.Cpu;

namespace Tessera.ML.Cluster;

/// <summary>
/// The nearest of a few centers for every row of a block, with squared Euclidean distances as
/// ‖x‖² − 2x·c + ‖c‖². The cross term is one GEMM per tile of rows (tile × d by d × m), so the
/// distance matrix never exists whole: a block-sized temporary per pass would land on the
/// large-object heap and make every pass pay for full garbage collections.
/// </summary>
internal static class Distances
{
    private const int Tile = 256;

    public static double[] RowNorms(ReadOnlySpan<double> x, int rows, int d)
    {
        var norms = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var row = x.Slice(i * d, d);
            norms[i] = TensorPrimitives.Dot(row, row);
        }
        return norms;
    }

    /// <summary>Per row, the nearest center's index and squared distance (clamped at zero: rounding can go below).</summary>
    public static void Nearest(ReadOnlySpan<double> x, int rows, int d, double[] centers, int m, Span<int> labels, Span<double> nearest)
    {
        if (rows == 0)
        {
            return;
        }
        var centerNorms = RowNorms(centers, m, d);
        var buffer = ArrayPool<double>.Shared.Rent(Tile * m);
        try
        {
            for (var start = 0; start < rows; start += Tile)
            {
                var count = Math.Min(Tile, rows - start);
                var cross = buffer.AsSpan(0, count * m);
                CpuGemm.Gemm(false, true, count, m, d, -2.0, x.Slice(start * d, count * d), d, centers, d, 0.0, cross, m);
                for (var i = 0; i < count; i++)
                {
                    var row = x.Slice((start + i) * d, d);
                    var distances = cross.Slice(i * m, m);
                    var best = 0;
                    var bestDistance = double.PositiveInfinity;
                    for (var j = 0; j < m; j++)
                    {
                        var value = distances[j] + centerNorms[j];
                        if (value < bestDistance)
                        {
                            (best, bestDistance) = (j, value);
                        }
                    }
                    labels[start + i] = best;
                    nearest[start + i] = Math.Max(bestDistance + TensorPrimitives.Dot(row, row), 0);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>As the span overload, into pooled arrays the caller returns with <see cref="Return"/>.</summary>
    public static (int[] Labels, double[] Nearest) Nearest(ReadOnlySpan<double> x, int rows, int d, double[] centers, int m)
    {
        var labels = ArrayPool<int>.Shared.Rent(Math.Max(rows, 1));
        var nearest = ArrayPool<double>.Shared.Rent(Math.Max(rows, 1));
        Nearest(x, rows, d, centers, m, labels, nearest);
        return (labels, nearest);
    }

    public static void Return(int[] labels, double[] nearest)
    {
        ArrayPool<int>.Shared.Return(labels);
        ArrayPool<double>.Shared.Return(nearest);
    }
}
