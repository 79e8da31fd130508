using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Tessera.ML.Internal;

namespace Tessera.ML.Cluster;

/// <summary>
/// One row block's share of a Lloyd iteration: assign every row to its nearest center and
/// return [per-center sums of rows (k × d), per-center counts (k), inertia]. Summed over blocks
/// this is the whole E and M step; only k·(d + 1) + 1 numbers per block leave the task. The
/// block is read once: a tile of rows is assigned and, while still in cache, added to its
/// centers' sums.
/// </summary>
internal static class LloydStep
{
    private const int Tile = 256;

    public static int Length(int k, int d) => k * d + k + 1;

    // Hot loops run once per block per pass: compiled optimised at once, not first as tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Block<T>(Tensor<T> block, CenterPanel centers) where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(block);
        var k = centers.Count;
        var x = Dense.AsDouble(block);
        var result = new double[Length(k, d)];
        var sums = result.AsSpan(0, k * d);
        var counts = result.AsSpan(k * d, k);
        Span<int> labels = stackalloc int[Tile];
        Span<double> nearest = stackalloc double[Tile];
        var inertia = 0.0;
        for (var start = 0; start < rows; start += Tile)
        {
            var count = Math.Min(Tile, rows - start);
            var tile = x.Slice(start * d, count * d);
            Distances.Nearest(tile, count, centers, labels, nearest);
            for (var i = 0; i < count; i++)
            {
                // A plain loop: d is small (tens), where a library call per row costs more than the adds.
                var target = sums.Slice(labels[i] * d, d);
                var row = tile.Slice(i * d, d);
                for (var j = 0; j < d; j++)
                {
                    target[j] += row[j];
                }
                counts[labels[i]]++;
            }
            inertia += TensorPrimitives.Sum<double>(nearest[..count]);
        }
        result[^1] = inertia;
        return result;
    }

    /// <summary>The nearest center of every row, as the labels a prediction returns.</summary>
    public static long[] Labels<T>(Tensor<T> block, CenterPanel centers) where T : unmanaged, INumberBase<T>
    {
        var (rows, d) = Dense.Shape(block);
        var x = Dense.AsDouble(block);
        var (labels, nearest) = Distances.Nearest(x, rows, centers);
        var result = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            result[i] = labels[i];
        }
        Distances.Return(labels, nearest);
        return result;
    }
}
