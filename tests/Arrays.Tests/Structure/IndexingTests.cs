using System.Numerics;

namespace Tessera.Arrays.Tests.Structure;

public class IndexingTests
{
    private static readonly long[] Shape = [7, 5];

    [Fact]
    public void Indexer_RangesAndIntegers_MatchReference()
    {
        Check<double>();
        Check<float>();
        Check<int>();

        static void Check<T>() where T : unmanaged, INumber<T>
        {
            var values = Reference.Values<T>(Shape);
            var x = Reference.Array<T>(Shape, [3, 2]);
            ArrayAssert.Equal(Reference.Map(values, Shape, [7, 5], i => i), x[.., 0..10], () => x[.., 0..10]);
            ArrayAssert.Equal(Reference.Map(values, Shape, [5], i => [6, i[0]]), x[^1], () => x[^1]);
            ArrayAssert.Equal(Reference.Map(values, Shape, [7], i => [i[0], 3]), x[.., 3]);
            ArrayAssert.Equal(Reference.Map(values, Shape, [3, 2], i => [i[0] + 2, i[1] + 1]), x[2..5, 1..^2], () => x[2..5, 1..^2]);
            ArrayAssert.Equal(Reference.Map(values, Shape, [0, 5], i => i), x[4..2]);
            Assert.Equal(0, x[2, ^1].Rank);
            Assert.Equal(values[(2 * 5) + 4], x.Element(2, -1).Compute());
        }
    }

    [Fact]
    public void Slice_EveryStartStopStep_MatchesNumPyRules()
    {
        var values = Reference.Values<double>([11]);
        var x = BlockedArray.FromArray(values, [11], [3]);
        long?[] ends = [null, -13, -4, -1, 0, 2, 5, 10, 14];
        foreach (var step in new long[] { 1, 2, 4, -1, -3 })
        {
            foreach (var start in ends)
            {
                foreach (var stop in ends)
                {
                    var positions = Reference.SlicePositions(11, start, stop, step);
                    var sliced = x.Slice(0, start, stop, step);
                    Assert.Equal([(long)positions.Length], sliced.Shape);
                    Assert.Equal(positions.Select(p => values[p]), sliced.Compute().ToArray());
                }
            }
        }
    }

    [Fact]
    public void SteppedSlice_OnTwoAxes_MatchesReferenceOnBothExecutors()
    {
        var values = Reference.Values<float>(Shape);
        var x = Reference.Array<float>(Shape, [3, 2]);
        BlockedArray<float> Build() => x[AxisIndex.Slice(null, null, -2), AxisIndex.Slice(1, null, 3)];
        var rows = Reference.SlicePositions(7, null, null, -2);
        var cols = Reference.SlicePositions(5, 1, null, 3);
        ArrayAssert.Equal(Reference.Map(values, Shape, [rows.Length, cols.Length], i => [rows[i[0]], cols[i[1]]]), Build(), Build);
    }

    [Fact]
    public void Slice_OutputBlocksFollowInputBlocks_AndReadOneBlockEach()
    {
        var x = Reference.Array<double>(Shape, [3, 2]);
        var y = x[1..6, ..];
        // Rows 1..6 cross blocks [0,3) [3,6): the result keeps those cuts.
        Assert.Equal([[2L, 3L], [2L, 2L, 1L]], y.Chunks.Chunks.Select(c => c.ToArray()));
        var graph = y.ToGraph(Device.Cpu);
        Assert.All(graph.Tasks.Where(t => t.Key.StartsWith(y.Name, StringComparison.Ordinal)), t => Assert.Single(t.Args));
    }

    [Fact]
    public void Index_OutOfBounds_SaysAxisAndSize()
    {
        var x = Reference.Array<double>(Shape, [3, 2]);
        var error = Assert.Throws<IndexOutOfRangeException>(() => x[7]);
        Assert.Contains("index 7 is out of bounds for axis 0 with size 7", error.Message);
        error = Assert.Throws<IndexOutOfRangeException>(() => x[.., -6]);
        Assert.Contains("index -6 is out of bounds for axis 1 with size 5", error.Message);
        error = Assert.Throws<IndexOutOfRangeException>(() => x[^0]);
        Assert.Contains("index ^0 is out of bounds for axis 0 with size 7", error.Message);
        error = Assert.Throws<IndexOutOfRangeException>(() => x[0, 0, 0]);
        Assert.Contains("too many indices for array: array is 2-dimensional, but 3 were indexed", error.Message);
        Assert.Throws<ArgumentException>(() => x.Slice(0, null, null, 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Flip_EachAxis_MatchesReference(int axis)
    {
        Check<double>(axis);
        Check<float>(axis);
        Check<int>(axis);

        static void Check<T>(int axis) where T : unmanaged, INumber<T>
        {
            var values = Reference.Values<T>(Shape);
            var x = Reference.Array<T>(Shape, [3, 2]);
            var a = axis < 0 ? axis + 2 : axis;
            var expected = Reference.Map(values, Shape, Shape, i => a == 0 ? [6 - i[0], i[1]] : [i[0], 4 - i[1]]);
            ArrayAssert.Equal(expected, x.Flip(axis), () => x.Flip(axis));
            Assert.Equal(x.Chunks.Chunks[a].Reverse(), x.Flip(axis).Chunks.Chunks[a]);
        }
    }

    [Fact]
    public void Slice_OfAHugeAxis_IsPlannedPerBlock()
    {
        // 2^40 elements: a plan holding anything per element would not fit in memory.
        var x = BlockedArray.Zeros<float>([1L << 40], [1L << 30]);
        var y = x.Slice(0, 5, null, 3);
        Assert.Equal([((1L << 40) - 5 + 2) / 3], y.Shape);
        Assert.Equal(1024, y.Chunks.BlockCount);
        Assert.Equal(y.Shape[0], y.Chunks.Chunks[0].Sum());
        Assert.Equal(2048, y.ToGraph(Device.Cpu).Count);
    }
}
