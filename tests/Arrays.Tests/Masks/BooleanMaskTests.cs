using Input = Tessera.Arrays.Tests.NumPyReference.Input;

namespace Tessera.Arrays.Tests.Masks;

/// <summary>x[mask] and Compress against NumPy: values, order, unknown chunks, and the sizes measured afterwards.</summary>
public class BooleanMaskTests
{
    /// <summary>Seeded values in [-1, 1) rounded to 1/64 so they are exact in float32 too; about half are positive.</summary>
    internal static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 6))];
    }

    [Theory]
    [InlineData(733, 100)]
    [InlineData(733, 733)]
    [InlineData(10, 3)]
    [InlineData(1, 1)]
    public void PositiveElements_1D_MatchNumPy(int length, int chunk)
    {
        var values = Values(length, length);
        var x = BlockedArray.FromArray(values, [length], [chunk]);
        var selected = x[x > 0.0];
        Assert.True(selected.Chunks.HasUnknownSizes);
        Assert.Equal([ChunkGrid.UnknownSize], selected.Shape);
        Assert.Equal(x.Chunks.BlockCount, selected.Chunks.BlockCount);
        var expected = NumPyReference.Evaluate([new Input("x", values, [length])], "x[x > 0]");
        MaskAssert.Equal(expected[0], selected);
        // Keys are deterministic: the same selection built again has the same name and tasks.
        var again = BlockedArray.FromArray(values, [length], [chunk]);
        Assert.Equal(selected.Name, again[again > 0.0].Name);
        Assert.Equal(selected.ToGraph(Device.Cpu).Tasks.Select(t => t.Key).Order(),
            again[again > 0.0].ToGraph(Device.Cpu).Tasks.Select(t => t.Key).Order());
    }

    [Fact]
    public void Float32AndInt_MaskedLikeNumPy()
    {
        var values = Values(97, 5);
        var floats = BlockedArray.FromArray([.. values.Select(v => (float)v)], [97], [20]);
        var ints = BlockedArray.FromArray([.. values.Select(v => (int)Math.Round(v * 100))], [97], [13]);
        var expected = NumPyReference.Evaluate(
            [new Input("f", values, [97], "float32"), new Input("i", [.. values.Select(v => Math.Round(v * 100))], [97], "int32")],
            "f[f < 0.25]", "i[i % 3 == 0]");
        MaskAssert.Equal(expected[0], floats[floats < 0.25f], relative: 0);
        MaskAssert.Equal(expected[1], ints[(ints % BlockedArray.Full([97], 3, [13])).ElementwiseEquals(BlockedArray.Zeros<int>([97], [13]))], relative: 0);
    }

    [Theory]
    [InlineData(new long[] { 3, 2 }, new long[] { 3, 2 })]
    [InlineData(new long[] { 3, 2 }, new long[] { 2, 5 })]
    [InlineData(new long[] { 7, 1 }, new long[] { 1, 5 })]
    [InlineData(new long[] { 4, 4 }, new long[] { 7, 5 })]
    public void TwoDimensionalMask_GivesNumPysRowMajorOrder(long[] chunks, long[] maskChunks)
    {
        var values = Values(35, 7);
        var other = Values(35, 8);
        var x = BlockedArray.FromArray(values, [7, 5], [.. chunks]);
        var y = BlockedArray.FromArray(other, [7, 5], [.. maskChunks]);
        var expected = NumPyReference.Evaluate([new Input("x", values, [7, 5]), new Input("y", other, [7, 5])],
            "x[y > 0]", "x[x > 0.5]");
        var selected = x[y > 0.0];
        Assert.Equal(1, selected.Rank);
        Assert.False(selected.Chunks.IsKnown(0));
        MaskAssert.Equal(expected[0], selected);
        MaskAssert.Equal(expected[1], x[x > 0.5]);
    }

    [Fact]
    public void EmptyAndAllTrueSelections_MatchNumPy()
    {
        var values = Values(50, 9);
        var x = BlockedArray.FromArray(values, [5, 10], [2, 3]);
        var expected = NumPyReference.Evaluate([new Input("x", values, [5, 10])],
            "x[x > 5]", "x[x > -5]", "x[x > 5].sum()", "x[x > -5].sum()");
        var none = x[x > 5.0];
        MaskAssert.Equal(expected[0], none);
        MaskAssert.Equal(expected[1], x[x > -5.0]);
        MaskAssert.Scalar(expected[2], none.Sum().Compute());
        MaskAssert.Scalar(expected[3], x[x > -5.0].Sum().Compute(), 1e-12);
        Assert.Equal([0L], none.ComputeChunkSizes().Shape);
        Assert.True(double.IsNaN(none.Mean().Compute()));
    }

    [Fact]
    public void OneDimensionalMask_SelectsRowsOrColumns_AsNumPyCompress()
    {
        var values = Values(7 * 6, 11);
        var x = BlockedArray.FromArray(values, [7, 6], [3, 4]);
        var rows = x.Sum([1]) > 0.0;
        var columns = x.Sum([0]) < 0.0;
        var expected = NumPyReference.Evaluate([new Input("x", values, [7, 6])],
            "x[x.sum(axis=1) > 0]", "np.compress(x.sum(axis=0) < 0, x, axis=1)", "x[x.sum(axis=1) > 0].sum(axis=1)",
            "x[x.sum(axis=1) > 0].mean(axis=0)", "np.compress(x.sum(axis=0) < 0, x, axis=1).max(axis=1)");
        var byRows = x[rows];
        Assert.Equal([ChunkGrid.UnknownSize, 6L], byRows.Shape);
        Assert.Equal(x.Chunks.Chunks[1], byRows.Chunks.Chunks[1]);
        MaskAssert.Equal(expected[0], byRows);
        var byColumns = x.Compress(columns, axis: 1);
        Assert.Equal([7L, ChunkGrid.UnknownSize], byColumns.Shape);
        MaskAssert.Equal(expected[1], byColumns);
        // Reducing the known axis keeps the unknown one; reducing the unknown axis gives known lengths.
        var rowSums = byRows.Sum([1]);
        Assert.Equal([ChunkGrid.UnknownSize], rowSums.Shape);
        MaskAssert.Equal(expected[2], rowSums);
        MaskAssert.Equal(expected[3], byRows.Mean([0]));
        MaskAssert.Equal(expected[4], byColumns.Max([1]));
    }

    [Fact]
    public void MaskOfTheWrongShape_SaysSo()
    {
        var x = BlockedArray.Zeros<double>([4, 3], [2, 2]);
        var error = Assert.Throws<IndexOutOfRangeException>(() => x[BlockedArray.Zeros<double>([3, 4], [2, 2]) > 0.0]);
        Assert.Contains("size of axis is 4 but size of corresponding boolean axis is 3", error.Message);
        var rows = Assert.Throws<IndexOutOfRangeException>(() => x[BlockedArray.Zeros<double>([5], [2]) > 0.0]);
        Assert.Contains("along axis 0", rows.Message);
        Assert.Throws<IndexOutOfRangeException>(() => x[BlockedArray.Zeros<double>([2, 2, 3], [2, 2, 2]) > 0.0]);
    }
}
