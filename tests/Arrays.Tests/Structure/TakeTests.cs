using System.Numerics;

namespace Tessera.Arrays.Tests.Structure;

public class TakeTests
{
    private static readonly long[] Shape = [7, 5];

    [Theory]
    [InlineData(0, new long[] { 0, 1, 2, 5, 6 })]
    [InlineData(0, new long[] { 6, 0, -1, 3, 3, 4, 1 })]
    [InlineData(1, new long[] { 4, 0, 2 })]
    [InlineData(1, new long[] { })]
    [InlineData(-1, new long[] { 1, 1, 1, 1, 1, 1 })]
    public void Take_MatchesReference(int axis, long[] indices)
    {
        Check<double>(axis, indices);
        Check<float>(axis, indices);
        Check<int>(axis, indices);

        static void Check<T>(int axis, long[] indices) where T : unmanaged, INumber<T>
        {
            var values = Reference.Values<T>(Shape);
            var x = Reference.Array<T>(Shape, [3, 2]);
            var a = axis < 0 ? axis + 2 : axis;
            long[] shape = a == 0 ? [indices.Length, 5] : [7, indices.Length];
            long Wrap(long i) => i < 0 ? i + Shape[a] : i;
            var expected = Reference.Map(values, Shape, shape, i => a == 0 ? [Wrap(indices[i[0]]), i[1]] : [i[0], Wrap(indices[i[1]])]);
            ArrayAssert.Equal(expected, x.Take(indices, axis), () => x.Take([.. indices], axis));
        }
    }

    [Fact]
    public void Take_OutputBlocksReadOnlyTheBlocksTheyNeed()
    {
        var x = BlockedArray.Arange<double>(100, [10]);
        var sorted = x.Take([1, 2, 3, 55, 56, 99]);
        // Sorted indices: one output block per source block touched, each reading only it.
        Assert.Equal([3L, 2L, 1L], sorted.Chunks.Chunks[0]);
        var tasks = sorted.ToGraph(Device.Cpu).Tasks.Where(t => t.Key.StartsWith(sorted.Name, StringComparison.Ordinal)).ToArray();
        Assert.All(tasks, t => Assert.Single(t.Args));
        var shuffled = x.Take([99, 0, 98]);
        var task = Assert.Single(shuffled.ToGraph(Device.Cpu).Tasks, t => t.Key.StartsWith(shuffled.Name, StringComparison.Ordinal));
        Assert.Equal(2, task.Args.Count);
        Assert.Equal([99.0, 0.0, 98.0], shuffled.Compute().ToArray());
    }

    [Fact]
    public void Take_UnsortedBlocksAreNoLongerThanTheLongestInputBlock()
    {
        var indices = Enumerable.Range(0, 40).Select(i => (long)(i * 7 % 40)).ToArray();
        var x = BlockedArray.Arange<int>(40, [16]);
        var y = x.Take(indices);
        Assert.All(y.Chunks.Chunks[0], c => Assert.True(c <= 16));
        ArrayAssert.Equal([.. indices.Select(i => (int)i)], y);
    }

    [Fact]
    public void Take_OutOfBounds_SaysAxisAndSize()
    {
        var x = Reference.Array<double>(Shape, [3, 2]);
        var error = Assert.Throws<IndexOutOfRangeException>(() => x.Take([0, 7]));
        Assert.Contains("index 7 is out of bounds for axis 0 with size 7", error.Message);
        var axisError = Assert.Throws<ArgumentOutOfRangeException>(() => x.Take([0], axis: 2));
        Assert.Contains("axis 2 is out of bounds for array of dimension 2", axisError.Message);
    }
}
