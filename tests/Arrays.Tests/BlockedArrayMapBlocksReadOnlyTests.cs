using System.Numerics.Tensors;

namespace Tessera.Arrays.Tests;

/// <summary>
/// MapBlocksReadOnly gives its function the block itself rather than a copy; whatever the block's
/// storage (a view into one source array, a computed or persisted block, a strided transpose),
/// the function must see the same values MapBlocks would give it.
/// </summary>
public class BlockedArrayMapBlocksReadOnlyTests
{
    private static double[] Values(int count, int seed) => [.. Enumerable.Range(0, count).Select(i => Math.Sin((i * 0.7) + seed) * 5)];

    /// <summary>Each row's sum, as a (rows × 1) block: reads every element of the block.</summary>
    private static Tensor<double> RowSums(Tensor<double> block, BlockInfo _)
    {
        var (rows, cols) = ((int)block.Lengths[0], (int)block.Lengths[1]);
        var flat = new double[block.FlattenedLength];
        block.FlattenTo(flat);
        var sums = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            sums[i] = flat.AsSpan(i * cols, cols).ToArray().Sum();
        }
        return Tensor.Create(sums, [rows, 1]);
    }

    private static ChunkGrid RowGrid<T>(BlockedArray<T> x) where T : unmanaged => new([x.Chunks.Chunks[0], [1L]]);

    [Theory]
    [InlineData(4)]
    [InlineData(13)]
    public void RowSums_MatchNumPy_ForSourceViewsComputedAndPersistedBlocks(int chunkRows)
    {
        var values = Values(13 * 11, 1);
        var input = NumPyInput.Of("a", values, 13, 11);
        var source = BlockedArray.FromArray(values, [13, 11], [chunkRows, 11]);
        ArrayAssert.EqualNumPy(source.MapBlocksReadOnly(RowSums, RowGrid(source)), "a.sum(axis=1, keepdims=True)", [input], relative: 1e-12);
        var computed = source * 2.0;
        ArrayAssert.EqualNumPy(computed.MapBlocksReadOnly(RowSums, RowGrid(computed)), "(a * 2).sum(axis=1, keepdims=True)", [input],
            relative: 1e-12);
        var persisted = computed.Persist();
        ArrayAssert.EqualNumPy(persisted.MapBlocksReadOnly(RowSums, RowGrid(persisted)), "(a * 2).sum(axis=1, keepdims=True)", [input],
            relative: 1e-12);
    }

    [Fact]
    public void RowSums_MatchNumPy_ForAStridedTranspose()
    {
        var values = Values(11 * 13, 2);
        var transposed = BlockedArray.FromArray(values, [11, 13], [11, 13]).Transpose();
        ArrayAssert.EqualNumPy(transposed.MapBlocksReadOnly(RowSums, RowGrid(transposed)), "a.T.sum(axis=1, keepdims=True)",
            [NumPyInput.Of("a", values, 11, 13)], relative: 1e-12);
    }

    [Fact]
    public void TwoArrays_GetAlignedBlocks_AsMapBlocksDoes()
    {
        var x = Values(12 * 3, 3);
        var y = Values(12, 4);
        var xs = BlockedArray.FromArray(x, [12, 3], [5, 3]).Persist();
        var ys = BlockedArray.FromArray(y, [12, 1], [4, 1]);
        // Per block: Σ_i y_i · Σ_j x_ij, one value per block of the unified rows (5, 5, 2 and 4, 4, 4 give 4, 1, 3, 2, 2).
        var products = BlockedArray.MapBlocksReadOnly<double, double, double>(xs, ys, (xb, yb, _) =>
        {
            var rows = RowSums(xb, null!);
            var yv = new double[yb.FlattenedLength];
            yb.FlattenTo(yv);
            var r = new double[rows.FlattenedLength];
            rows.FlattenTo(r);
            return Tensor.Create(new[] { r.Zip(yv, (a, b) => a * b).Sum() }, [1, 1]);
        }, new ChunkGrid([[1, 1, 1, 1, 1], [1]]));
        ArrayAssert.EqualNumPy(products,
            "np.array([[(x[s:e].sum(axis=1) * y[s:e, 0]).sum()] for s, e in [(0, 4), (4, 5), (5, 8), (8, 10), (10, 12)]])",
            [NumPyInput.Of("x", x, 12, 3), NumPyInput.Of("y", y, 12, 1)], relative: 1e-12);
    }
}
