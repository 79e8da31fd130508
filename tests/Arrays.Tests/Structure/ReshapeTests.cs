using System.Numerics;

namespace Tessera.Arrays.Tests.Structure;

public class ReshapeTests
{
    [Theory]
    [InlineData(new long[] { 7, 5 }, new long[] { 3, 2 }, new long[] { 35 })]
    [InlineData(new long[] { 7, 5 }, new long[] { 3, 2 }, new long[] { 5, 7 })]
    [InlineData(new long[] { 7, 5 }, new long[] { 3, 2 }, new long[] { 7, 1, 5, 1 })]
    [InlineData(new long[] { 6, 4 }, new long[] { 4, 3 }, new long[] { 2, 3, 2, 2 })]
    [InlineData(new long[] { 2, 3, 4 }, new long[] { 1, 2, 3 }, new long[] { 6, -1 })]
    [InlineData(new long[] { 24 }, new long[] { 5 }, new long[] { 2, 3, 4 })]
    [InlineData(new long[] { 24 }, new long[] { 8 }, new long[] { 3, 8 })]
    [InlineData(new long[] { 1, 12, 1 }, new long[] { 1, 5, 1 }, new long[] { 4, 1, 3 })]
    [InlineData(new long[] { 0, 5 }, new long[] { 1, 2 }, new long[] { 5, 0 })]
    public void Reshape_RowMajor_MatchesReference(long[] shape, long[] chunks, long[] target)
    {
        Check<double>(shape, chunks, target);
        Check<float>(shape, chunks, target);
        Check<int>(shape, chunks, target);

        static void Check<T>(long[] shape, long[] chunks, long[] target) where T : unmanaged, INumber<T>
        {
            var values = Reference.Values<T>(shape);
            var x = BlockedArray.FromArray(values, shape, ChunkSpec.Create(chunks));
            var y = x.Reshape(target);
            var size = values.Length;
            var resolved = target.Select(t => t == -1 ? size / target.Where(s => s != -1).Aggregate(1L, (a, b) => a * b) : t);
            Assert.Equal(resolved, y.Shape);
            // Row-major: the flat order of elements is unchanged.
            ArrayAssert.Equal(values, y, () => x.Reshape(target));
        }
    }

    [Fact]
    public void Reshape_WithinBlocks_IsAViewPerBlock()
    {
        var x = Reference.Array<double>([6, 4, 5], [2, 4, 5]);
        var y = x.Reshape(24, 5);
        // Trailing axes whole: block b of rows maps to rows [8b, 8b + 8) with no rechunk.
        Assert.Equal([8L, 8L, 8L], y.Chunks.Chunks[0]);
        Assert.Equal(2 * x.Chunks.BlockCount, y.ToGraph(Device.Cpu).Count);
        ArrayAssert.Equal(Reference.Values<double>([6, 4, 5]), y);
    }

    [Fact]
    public void Reshape_AcrossBlocks_RechunksTrailingAxesWhole_KeepingBlocksSmall()
    {
        var x = Reference.Array<double>([40, 30], [10, 10]);
        var y = x.Reshape(1200);
        // Rows become whole (30), so a block holds about the 100 elements it held before.
        Assert.All(y.Chunks.Chunks[0], c => Assert.True(c <= 120, $"block of {c}"));
        Assert.Equal(0, y.Chunks.Chunks[0].Sum() % 30);
        ArrayAssert.Equal(Reference.Values<double>([40, 30]), y);
        var back = y.Reshape(40, 30);
        ArrayAssert.Equal(Reference.Values<double>([40, 30]), back, () => x.Reshape(1200).Reshape(40, 30));
    }

    [Fact]
    public void Reshape_WrongSize_SaysSizeAndShape()
    {
        var x = Reference.Array<double>([7, 5], [3, 2]);
        var error = Assert.Throws<ArgumentException>(() => x.Reshape(4, 9));
        Assert.Contains("cannot reshape array of size 35 into shape (4, 9)", error.Message);
        error = Assert.Throws<ArgumentException>(() => x.Reshape(4, -1));
        Assert.Contains("cannot reshape array of size 35 into shape (4, -1)", error.Message);
        error = Assert.Throws<ArgumentException>(() => x.Reshape(-1, -1));
        Assert.Contains("can only specify one unknown dimension", error.Message);
    }
}
