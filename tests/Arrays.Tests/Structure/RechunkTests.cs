namespace Tessera.Arrays.Tests.Structure;

/// <summary>The public <c>Rechunk</c>: the values stay, the blocks are the ones asked for, bad specs say how to fix them.</summary>
public class RechunkTests
{
    [Theory]
    [InlineData(new long[] { 40, 30 }, new long[] { 40, 5 }, new long[] { 7, 30 })]   // columns to rows
    [InlineData(new long[] { 40, 30 }, new long[] { 7, 30 }, new long[] { 40, 4 })]   // rows to columns
    [InlineData(new long[] { 40, 30 }, new long[] { 6, 7 }, new long[] { -1, 11 })]   // -1: the whole axis
    [InlineData(new long[] { 5, 6, 7 }, new long[] { 2, 3, 4 }, new long[] { 5, 1, 3 })]
    [InlineData(new long[] { 0, 6 }, new long[] { 1, 2 }, new long[] { 1, 4 })]       // empty
    public void Rechunk_Sizes_KeepValuesAndGiveTheBlocksAsked(long[] shape, long[] from, long[] to)
    {
        var values = Reference.Values<double>(shape);
        var x = BlockedArray.FromArray(values, shape, ChunkSpec.Create(from));
        var y = x.Rechunk(ChunkSpec.Create(to));
        var expected = ChunkGrid.Regular(shape, [.. to.Select((s, d) => s == -1 ? Math.Max(1, shape[d]) : s)]);
        Assert.Equal(expected.Chunks.Select(c => c.ToArray()), y.Chunks.Chunks.Select(c => c.ToArray()));
        ArrayAssert.Equal(values, y, () => x.Rechunk(ChunkSpec.Create(to)));
        Assert.Equal(values.Sum(), y.Sum().Compute(), 1e-9);
    }

    [Fact]
    public void Rechunk_ByAxis_KeepsTheOtherAxes()
    {
        var values = Reference.Values<int>([12, 10]);
        var x = BlockedArray.FromArray(values, [12, 10], [5, 3]);
        var y = x.Rechunk(new Dictionary<int, long> { [-1] = -1 });
        Assert.Equal([5L, 5, 2], y.Chunks.Chunks[0]);
        Assert.Equal([10L], y.Chunks.Chunks[1]);
        ArrayAssert.Equal(values, y);
    }

    [Fact]
    public void Rechunk_ExplicitAndAuto_GiveThoseGrids()
    {
        var values = Reference.Values<float>([9, 8]);
        var x = BlockedArray.FromArray(values, [9, 8], [3, 3]);
        var explicitly = x.Rechunk(ChunkSpec.Explicit([2, 7], [8]));
        Assert.Equal([2L, 7], explicitly.Chunks.Chunks[0]);
        ArrayAssert.Equal(values, explicitly);
        var whole = x.Rechunk(ChunkSpec.Auto); // 288 bytes: one block under the 128 MiB target
        Assert.Equal(1, whole.Chunks.BlockCounts.Aggregate(1, (a, b) => a * b));
        ArrayAssert.Equal(values, whole);
    }

    [Fact]
    public void Rechunk_SameChunks_ReturnsTheArray()
    {
        var x = BlockedArray.FromArray(Reference.Values<double>([6, 4]), [6, 4], [3, 2]);
        Assert.Same(x, x.Rechunk(ChunkSpec.Create([3, 2])));
    }

    [Fact]
    public void Rechunk_BadSpecs_SayWhatToPass()
    {
        var x = BlockedArray.FromArray(Reference.Values<double>([6, 4]), [6, 4], [3, 2]);
        var rank = Assert.Throws<ArgumentException>(() => x.Rechunk(ChunkSpec.Create([3])));
        Assert.Contains("chunks has 1 dimensions; the array has 2", rank.Message);
        var sum = Assert.Throws<ArgumentException>(() => x.Rechunk(ChunkSpec.Explicit([3, 2], [4])));
        Assert.Contains("add up to shape (5, 4)", sum.Message);
        var axis = Assert.Throws<ArgumentOutOfRangeException>(() => x.Rechunk(new Dictionary<int, long> { [2] = 3 }));
        Assert.Contains("Axis 2 is outside an array of 2 dimensions", axis.Message);
        var size = Assert.Throws<ArgumentOutOfRangeException>(() => x.Rechunk(new Dictionary<int, long> { [0] = 0 }));
        Assert.Contains("give a positive size, or -1 for the whole axis", size.Message);
    }
}
