using System.Numerics;

namespace Tessera.Arrays.Tests.Structure;

public class AxisTests
{
    private static readonly long[] Shape = [7, 5];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    public void ExpandDims_ThenSqueeze_RoundTrips(int axis)
    {
        Check<double>(axis);
        Check<int>(axis);

        static void Check<T>(int axis) where T : unmanaged, INumber<T>
        {
            var values = Reference.Values<T>(Shape);
            var x = Reference.Array<T>(Shape, [3, 2]);
            var expanded = x.ExpandDims(axis);
            var at = axis < 0 ? axis + 3 : axis;
            Assert.Equal([.. Shape[..at], 1, .. Shape[at..]], expanded.Shape);
            ArrayAssert.Equal(values, expanded, () => x.ExpandDims(axis));
            ArrayAssert.Equal(values, expanded.Squeeze(at));
            ArrayAssert.Equal(values, expanded.Squeeze());
        }
    }

    [Fact]
    public void Squeeze_AxisNotOfLengthOne_Throws()
    {
        var x = Reference.Array<float>([7, 1, 5], [3, 1, 2]);
        var error = Assert.Throws<ArgumentException>(() => x.Squeeze(0));
        Assert.Contains("cannot select an axis to squeeze out which has size not equal to one", error.Message);
        Assert.Equal([7L, 5L], x.Squeeze().Shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.ExpandDims(4));
    }

    [Fact]
    public void BroadcastTo_StretchesAndAddsAxes_MatchesReference()
    {
        Check<double>();
        Check<float>();
        Check<int>();

        static void Check<T>() where T : unmanaged, INumber<T>
        {
            var row = Reference.Values<T>([1, 5]);
            var x = BlockedArray.FromArray(row, [1, 5], [1, 2]);
            var stretched = x.BroadcastTo(7, 5);
            ArrayAssert.Equal(Reference.Map(row, [1, 5], [7, 5], i => [0, i[1]]), stretched, () => x.BroadcastTo(7, 5));
            Assert.Equal(x.Chunks.Chunks[1], stretched.Chunks.Chunks[1]);

            var matrix = Reference.Values<T>(Shape);
            var m = Reference.Array<T>(Shape, [3, 2]);
            ArrayAssert.Equal(Reference.Map(matrix, Shape, [3, 7, 5], i => [i[1], i[2]]), m.BroadcastTo(3, 7, 5), () => m.BroadcastTo(3, 7, 5));

            var column = Reference.Values<T>([7, 1]);
            var c = BlockedArray.FromArray(column, [7, 1], [3, 1]);
            ArrayAssert.Equal(Reference.Map(column, [7, 1], [2, 7, 4], i => [i[1], 0]), c.BroadcastTo(2, 7, 4));
        }
    }

    [Fact]
    public void BroadcastTo_EachBlockReadsOneInputBlock()
    {
        var m = Reference.Array<double>(Shape, [3, 2]);
        var y = m.BroadcastTo(4, 7, 5);
        var tasks = y.ToGraph(Device.Cpu).Tasks.Where(t => t.Key.StartsWith(y.Name, StringComparison.Ordinal)).ToArray();
        Assert.Equal(m.Chunks.BlockCount, tasks.Length);
        Assert.All(tasks, t => Assert.Single(t.Args));
    }

    [Fact]
    public void BroadcastTo_IncompatibleShape_SaysWhichAxis()
    {
        var m = Reference.Array<double>(Shape, [3, 2]);
        var error = Assert.Throws<ArgumentException>(() => m.BroadcastTo(3, 5));
        Assert.Contains("cannot broadcast shape (7, 5) to (3, 5): axis 0 has length 7, which must be 3 or 1", error.Message);
        Assert.Throws<ArgumentException>(() => m.BroadcastTo(5));
    }
}
