using System.Numerics;

namespace Tessera.Arrays.Tests.Structure;

public class JoiningTests
{
    [Fact]
    public void Concatenate_AlongEachAxis_MatchesReference()
    {
        Check<double>();
        Check<float>();
        Check<int>();

        static void Check<T>() where T : unmanaged, INumber<T>
        {
            var a = Reference.Array<T>([7, 5], [3, 2]);
            var b = (Reference.Array<T>([4, 5], [4, 3]) * T.CreateChecked(3)) + T.One;
            var av = Reference.Values<T>([7, 5]);
            var bv = Reference.Values<T>([4, 5]).Select(v => (v * T.CreateChecked(3)) + T.One).ToArray();
            var rows = Reference.Map([.. av, .. bv], [11, 5], [11, 5], i => i);
            ArrayAssert.Equal(rows, BlockedArray.Concatenate([a, b]), () => BlockedArray.Concatenate([a, b]));

            var c = Reference.Array<T>([7, 2], [2, 2]);
            var cv = Reference.Values<T>([7, 2]);
            var columns = Reference.Indices([7, 7]).Select(i => i[1] < 5 ? av[(i[0] * 5) + i[1]] : cv[(i[0] * 2) + i[1] - 5]).ToArray();
            ArrayAssert.Equal(columns, BlockedArray.Concatenate([a, c], axis: -1), () => BlockedArray.Concatenate([a, c], axis: -1));
        }
    }

    [Fact]
    public void Concatenate_ReusesInputBlocks()
    {
        var a = Reference.Array<double>([7, 5], [3, 2]);
        var b = Reference.Array<double>([4, 5], [2, 2]);
        var joined = BlockedArray.Concatenate([a, b]);
        Assert.Equal([3L, 3L, 1L, 2L, 2L], joined.Chunks.Chunks[0]);
        Assert.Equal(a.Chunks.Chunks[1], joined.Chunks.Chunks[1]);
        // Source blocks plus one pass-through task per block: nothing is rechunked.
        Assert.Equal(a.Chunks.BlockCount + b.Chunks.BlockCount + joined.Chunks.BlockCount, joined.ToGraph(Device.Cpu).Count);
    }

    [Fact]
    public void Concatenate_WithAnArrayEmptyAlongTheAxis_SkipsIt()
    {
        var a = Reference.Array<int>([7, 5], [3, 2]);
        var empty = Reference.Array<int>([0, 5], [1, 2]);
        var joined = BlockedArray.Concatenate([empty, a, empty]);
        Assert.Equal(a.Chunks, joined.Chunks);
        ArrayAssert.Equal(Reference.Values<int>([7, 5]), joined);
    }

    [Fact]
    public void Concatenate_MismatchedShapes_SaysWhichDimension()
    {
        var a = Reference.Array<double>([7, 5], [3, 2]);
        var b = Reference.Array<double>([7, 4], [3, 2]);
        var error = Assert.Throws<ArgumentException>(() => BlockedArray.Concatenate([a, b]));
        Assert.Contains("along dimension 1, the array at index 0 has size 5 and the array at index 1 has size 4", error.Message);
        Assert.Throws<ArgumentException>(() => BlockedArray.Concatenate(Array.Empty<BlockedArray<double>>()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    public void Stack_AlongNewAxis_MatchesReference(int axis)
    {
        var a = Reference.Array<int>([7, 5], [3, 2]);
        var b = a * 2;
        var values = Reference.Values<int>([7, 5]);
        var at = axis < 0 ? axis + 3 : axis;
        long[] shape = [7, 5];
        shape = [.. shape[..at], 2, .. shape[at..]];
        var expected = Reference.Indices(shape).Select(i =>
        {
            var which = i[at];
            var rest = i.Where((_, d) => d != at).ToArray();
            return values[(rest[0] * 5) + rest[1]] * (int)(which + 1);
        }).ToArray();
        var stacked = BlockedArray.Stack([a, b], axis);
        Assert.Equal(shape, stacked.Shape);
        ArrayAssert.Equal(expected, stacked, () => BlockedArray.Stack([a, b], axis));
    }

    [Fact]
    public void Stack_DifferentShapes_Throws()
    {
        var a = Reference.Array<int>([7, 5], [3, 2]);
        var b = Reference.Array<int>([5, 7], [3, 2]);
        var error = Assert.Throws<ArgumentException>(() => BlockedArray.Stack([a, b]));
        Assert.Contains("all input arrays must have the same shape", error.Message);
    }
}
