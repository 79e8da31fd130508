namespace Tessera.Arrays.Tests.Structure;

/// <summary>Structural results feed the fused elementwise kernels and the reductions like any other array.</summary>
public class CompositionTests
{
    private static readonly long[] Shape = [7, 5];

    [Fact]
    public void SliceFlipAndBroadcast_FeedElementwiseAndReductions()
    {
        var values = Reference.Values<double>(Shape);
        var x = Reference.Array<double>(Shape, [3, 2]);
        // Rows 1..6 plus the same rows flipped, minus row 0 broadcast over them.
        var y = x[1..6, ..] + x.Flip(0)[1..6, ..] - x[0..1, ..].BroadcastTo(5, 5);
        var expected = Reference.Indices([5, 5])
            .Select(i => values[((i[0] + 1) * 5) + i[1]] + values[((5 - i[0]) * 5) + i[1]] - values[i[1]]).ToArray();
        ArrayAssert.Equal(expected, y);
        Assert.Equal(expected.Sum(), y.Sum().Compute(), 9);
    }

    [Fact]
    public void ReshapedAndConcatenated_ReduceAlongNewAxes()
    {
        var values = Reference.Values<double>(Shape);
        var x = Reference.Array<double>(Shape, [3, 2]);
        var flat = BlockedArray.Concatenate([x.Reshape(35), x.Reshape(-1)]).Reshape(2, 35);
        var sums = flat.Sum(axis: 1);
        ArrayAssert.Equal([values.Sum(), values.Sum()], sums, relative: 1e-9);
    }
}
