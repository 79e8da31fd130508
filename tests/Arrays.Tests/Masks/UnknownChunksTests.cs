using Input = Tessera.Arrays.Tests.NumPyReference.Input;

namespace Tessera.Arrays.Tests.Masks;

/// <summary>Arrays with blocks of unknown size: what works on them, what needs ComputeChunkSizes, and how that says so.</summary>
public class UnknownChunksTests
{
    private static readonly double[] Data = BooleanMaskTests.Values(200, 21);

    private static BlockedArray<double> X() => BlockedArray.FromArray(Data, [200], [30]);

    [Fact]
    public void ChunkGrid_WithUnknownAxis_ReportsNanAsDask()
    {
        var grid = new ChunkGrid([[ChunkGrid.UnknownSize, ChunkGrid.UnknownSize], [3, 2]]);
        Assert.True(grid.HasUnknownSizes);
        Assert.False(grid.IsKnown(0));
        Assert.True(grid.IsKnown(1));
        Assert.Equal([0], grid.UnknownAxes);
        Assert.Equal([ChunkGrid.UnknownSize, 5L], grid.Shape);
        Assert.Equal("((nan, nan), (3, 2))", grid.ToString());
        Assert.Equal([ChunkGrid.UnknownSize, 2L], grid.BlockShape([1, 1]));
        var error = Assert.Throws<UnknownChunkSizesException>(() => grid.Boundaries(0));
        Assert.Equal(0, error.Axis);
        Assert.Contains("ComputeChunkSizes()", error.Message);
        Assert.Throws<UnknownChunkSizesException>(() => grid.ElementCount);
        Assert.Throws<ArgumentException>(() => new ChunkGrid([[ChunkGrid.UnknownSize, 3]]));
        var masked = X()[X() > 0.0];
        Assert.Contains("shape=(nan,)", masked.ToString(), StringComparison.Ordinal);
        Assert.Contains("chunks=((nan, nan, nan, nan, nan, nan, nan),)", masked.ToString(), StringComparison.Ordinal);
        Assert.Contains("bytes=nan", masked.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ElementwiseAndReductions_OnUnknownSizes_MatchNumPy()
    {
        var x = X();
        var y = x[x > -0.3];
        var expected = NumPyReference.Evaluate([new Input("x", Data, [200])],
            "(lambda y: y * 2 + np.sin(y))(x[x > -0.3])", "(lambda y: y[y < 0.4])(x[x > -0.3])",
            "x[x > -0.3].sum()", "x[x > -0.3].mean()", "x[x > -0.3].min()", "x[x > -0.3].max()",
            "x[x > -0.3].var()", "x[x > -0.3].std(ddof=1)", "(x * 3)[x > -0.3] - x[x > -0.3]", "x[x > -0.3] + np.ones(1)");
        MaskAssert.Equal(expected[0], (y * 2.0) + BlockedArray.Sin(y));
        MaskAssert.Equal(expected[1], y[y < 0.4]);
        MaskAssert.Scalar(expected[2], y.Sum().Compute());
        MaskAssert.Scalar(expected[3], y.Mean().Compute());
        MaskAssert.Scalar(expected[4], y.Min().Compute());
        MaskAssert.Scalar(expected[5], y.Max().Compute());
        MaskAssert.Scalar(expected[6], y.Var().Compute());
        MaskAssert.Scalar(expected[7], y.Std(ddof: 1).Compute());
        MaskAssert.Equal(expected[8], (x * 3.0)[x > -0.3] - y);
        MaskAssert.Equal(expected[9], y + BlockedArray.Ones<double>([1], [1]));
        Assert.Equal([ChunkGrid.UnknownSize, 1L], y.ExpandDims(1).Shape);
        MaskAssert.Equal(expected[9], (y.ExpandDims(1) + 1.0).Squeeze());
    }

    [Fact]
    public void MinMax_SkipEmptyBlocks_AndFailOnAnEmptySelection()
    {
        // Only the last block keeps anything: every other block's partial is empty.
        var x = X();
        var tail = x[x > 0.0].ElementwiseEquals(x[x > 0.0]);
        var expected = NumPyReference.Evaluate([new Input("x", Data, [200])], "x[np.arange(200) >= 190].min()",
            "x[np.arange(200) >= 190].max()", "x[np.arange(200) >= 190].var()", "x[np.arange(200) >= 190].mean()");
        var late = x[BlockedArray.Arange<double>(200, [30]) >= 190.0];
        MaskAssert.Scalar(expected[0], late.Min().Compute());
        MaskAssert.Scalar(expected[1], late.Max().Compute());
        MaskAssert.Scalar(expected[2], late.Var().Compute());
        MaskAssert.Scalar(expected[3], late.Mean().Compute());
        Assert.Equal(expected[0].Values[0], late.Min(splitEvery: 2).Compute());
        Assert.True(tail.All().Compute());
        var none = x[x > 5.0];
        var error = Assert.Throws<TaskFailedException>(() => none.Min().Compute());
        Assert.Contains("empty selection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SizeNeedingOperations_ThrowNamingTheAxisAndTheFix()
    {
        var x = X();
        var y = x[x > 0.0];
        var m = BlockedArray.FromArray(Data[..36], [6, 6], [4, 4]);
        var rows = m[m.Sum([1]) > 0.0];
        var failures = new Action[]
        {
            () => _ = y[0..3],
            () => _ = y.Take([0], 0),
            () => _ = y.Reshape(-1, 1),
            () => _ = y.Flip(0),
            () => _ = rows.T,
            () => _ = BlockedArray.Concatenate([y, y]),
            () => _ = BlockedArray.MatMul(rows, m),
            () => _ = y + x,
            () => _ = y.Chunks.ElementCount,
            () => _ = y.Squeeze(0),
            () => _ = y.BroadcastTo(3, 5),
        };
        foreach (var failure in failures)
        {
            var error = Assert.Throws<UnknownChunkSizesException>(failure);
            Assert.Contains("axis 0", error.Message, StringComparison.Ordinal);
            Assert.Contains("ComputeChunkSizes()", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ComputeChunkSizes_MeasuresEachBlock_ThenSlicingWorks()
    {
        var x = X();
        var y = x[x > 0.0];
        var known = y.ComputeChunkSizes();
        var perBlock = Enumerable.Range(0, 7).Select(b => (long)Data.Skip(b * 30).Take(30).Count(v => v > 0)).ToArray();
        Assert.Equal(perBlock, known.Chunks.Chunks[0]);
        Assert.Equal([perBlock.Sum()], known.Shape);
        Assert.Same(known, known.ComputeChunkSizes());
        var expected = NumPyReference.Evaluate([new Input("x", Data, [200])], "x[x > 0][5:40:3]", "x[x > 0].reshape(-1, 1)[::-1]");
        MaskAssert.Equal(expected[0], known.Slice(0, 5, 40, 3));
        ArrayAssert.Equal(expected[1].Values, known.Reshape(-1, 1).Flip(0));
        // Persist measures the sizes while keeping the blocks.
        var persisted = y.Persist();
        Assert.Equal(known.Chunks, persisted.Chunks);
        ArrayAssert.Equal(known.Compute().ToArray(), persisted);
    }

    [Fact]
    public void DifferentMasks_WithAsManyBlocks_FailAtRunTimeWithAClearError()
    {
        var x = X();
        var sum = x[x > 0.0] + x[x < 0.0];
        Assert.True(sum.Chunks.HasUnknownSizes);
        var error = Assert.Throws<TaskFailedException>(() => sum.Compute());
        Assert.Contains("do not line up", error.Message, StringComparison.Ordinal);
        var fewer = BlockedArray.FromArray(Data, [200], [50]);
        Assert.Throws<UnknownChunkSizesException>(() => x[x > 0.0] + fewer[fewer > 0.0]);
    }
}
