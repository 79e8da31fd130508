using Tessera.Arrays.Lazy;

namespace Tessera.Arrays.Tests.Lazy;

/// <summary>
/// The final elementwise layer writes its blocks into the result in place only where a block is
/// one contiguous run of the row-major result; the values are the same either way.
/// </summary>
public class ResultPlacementTests
{
    [Theory]
    [InlineData(new long[] { 3, 12 }, new long[] { 4, 12 })]   // whole rows: every block in place
    [InlineData(new long[] { 1, 5 }, new long[] { 4, 12 })]    // single-row pieces: in place
    [InlineData(new long[] { 2, 5 }, new long[] { 4, 12 })]    // two partial rows: copied
    [InlineData(new long[] { 7 }, new long[] { 30 })]          // 1-D, uneven last block
    public void ViewsOnlyContiguousBlocksAndComputesTheSameValues(long[] chunks, long[] shape)
    {
        var count = (int)shape.Aggregate(1L, (a, b) => a * b);
        var data = Enumerable.Range(0, count).Select(i => i * 0.5).ToArray();
        var x = BlockedArray.FromArray(data, shape, ChunkSpec.Create(chunks));
        var y = (x * 2) + 1;
        var values = new double[count];
        var placement = ResultPlacement.Into(y.Node, values);
        foreach (var index in y.Chunks.BlockIndices())
        {
            var offset = placement.OffsetFor(y.Node, index);
            var extent = y.Chunks.BlockShape(index);
            var contiguous = extent.Skip(1).SequenceEqual(shape.Skip(1)) || extent.Take(extent.Length - 1).All(e => e == 1);
            Assert.Equal(contiguous, offset is not null);
            if (offset is { } start)
            {
                var origin = y.Chunks.BlockOffset(index);
                Assert.Equal(origin.Length == 1 ? origin[0] : (origin[0] * shape[1]) + origin[1], start);
            }
            Assert.Null(placement.OffsetFor(x.Node, index));
        }
        ArrayAssert.Equal([.. data.Select(v => (v * 2) + 1)], y);
    }
}
