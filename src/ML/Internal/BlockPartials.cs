using System.Numerics.Tensors;
using Tessera.Arrays;

namespace Tessera.ML.Internal;

/// <summary>
/// The one pattern every blocked estimator's pass uses (dask-glm's "sum of per-block
/// gradients", dask-ml's k-means statistics): a function turns each row block into a
/// fixed-length vector of partial sums, one MapBlocks task per block, and the vectors are
/// summed by the array's reduction tree. Only the partials travel; the blocks stay where
/// they are and memory is bounded by the blocks in flight.
/// </summary>
internal static class BlockPartials
{
    /// <summary>Σ over the row blocks of X of <paramref name="partial"/>(block).</summary>
    public static double[] Sum<T>(BlockedArray<T> x, int length, Func<Tensor<T>, double[]> partial, ComputeOptions? options)
        where T : unmanaged
    {
        var parts = x.MapBlocksReadOnly((block, _) => Row(partial(block), length), Grid(x, length));
        return Flatten(parts.Sum(0).Compute(options), length);
    }

    /// <summary>Σ over the aligned row blocks of X and the column y of <paramref name="partial"/>(X block, y block).</summary>
    public static double[] Sum<T>(BlockedArray<T> x, BlockedArray<T> y, int length, Func<Tensor<T>, Tensor<T>, double[]> partial,
        ComputeOptions? options) where T : unmanaged
    {
        var parts = BlockedArray.MapBlocksReadOnly<T, T, double>(x, y, (xb, yb, _) => Row(partial(xb, yb), length), Grid(x, length));
        return Flatten(parts.Sum(0).Compute(options), length);
    }

    /// <summary>
    /// <paramref name="partial"/>(block, block index) of every row block, unsummed, in block order: for
    /// results that are collected rather than added (k-means‖'s sampled candidates).
    /// </summary>
    public static double[][] Gather<T>(BlockedArray<T> x, int length, Func<Tensor<T>, int, double[]> partial, ComputeOptions? options)
        where T : unmanaged
    {
        var parts = x.MapBlocksReadOnly((block, info) => Row(partial(block, info.Output.ChunkLocation[0]), length), Grid(x, length));
        var all = Flatten(parts.Compute(options), x.Chunks.BlockCounts[0] * length);
        return [.. Enumerable.Range(0, x.Chunks.BlockCounts[0]).Select(b => all[(b * length)..((b + 1) * length)])];
    }

    /// <summary>
    /// <paramref name="partial"/>(X block, y block, block index) of every aligned row block, unsummed, in
    /// block order: for per-block results that are kept apart (ADMM's local solutions).
    /// </summary>
    public static double[][] Gather<T>(BlockedArray<T> x, BlockedArray<T> y, int length, Func<Tensor<T>, Tensor<T>, int, double[]> partial,
        ComputeOptions? options) where T : unmanaged
    {
        var parts = BlockedArray.MapBlocksReadOnly<T, T, double>(x, y,
            (xb, yb, info) => Row(partial(xb, yb, info.Output.ChunkLocation[0]), length), Grid(x, length));
        var all = Flatten(parts.Compute(options), x.Chunks.BlockCounts[0] * length);
        return [.. Enumerable.Range(0, x.Chunks.BlockCounts[0]).Select(b => all[(b * length)..((b + 1) * length)])];
    }

    private static ChunkGrid Grid<T>(BlockedArray<T> x, int length) where T : unmanaged =>
        new([Enumerable.Repeat(1L, x.Chunks.BlockCounts[0]).ToArray(), [length]]);

    private static Tensor<double> Row(double[] values, int length)
    {
        if (values.Length != length)
        {
            throw new InvalidOperationException($"A block partial has {values.Length} values; {length} were declared.");
        }
        return Tensor.Create(values, [1, length]);
    }

    private static double[] Flatten(Tensor<double> sums, int length)
    {
        var result = new double[length];
        sums.FlattenTo(result);
        return result;
    }
}
