using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

public class BlockedArrayBlocksTests
{
    private static double[] Values(int count) => [.. Enumerable.Range(0, count).Select(i => (i * 1.5) - 7)];

    // Shape (10, 7) cut into rows [4, 4, 2] and columns [3, 3, 1].
    private static BlockedArray<double> Array() => BlockedArray.FromArray(Values(70), [10, 7], [4, 3]);

    [Fact]
    public void NumBlocks_IsBlocksPerAxis()
    {
        Assert.Equal([3, 3], Array().NumBlocks);
    }

    [Fact]
    public void SingleBlock_KeepsRank_AndMatchesNumPySlice()
    {
        var input = NumPyInput.Of("a", Values(70), 10, 7);
        ArrayAssert.EqualNumPy(Array().Blocks[1, 2], "a[4:8, 6:7]", [input], () => Array().Blocks[1, 2]);
        ArrayAssert.EqualNumPy(Array().Blocks[^1, -2], "a[8:10, 3:6]", [input]);
        ArrayAssert.EqualNumPy(Array().Blocks[0], "a[0:4, :]", [input]);
    }

    [Fact]
    public void RangesAndLists_SelectSeveralBlocks_InTheGivenOrder()
    {
        var input = NumPyInput.Of("a", Values(70), 10, 7);
        var x = Array();
        var view = x.Blocks[1.., 0..2];
        Assert.Equal(new ChunkGrid([[4, 2], [3, 3]]), view.Chunks);
        ArrayAssert.EqualNumPy(view, "a[4:, 0:6]", [input]);
        ArrayAssert.EqualNumPy(x.Blocks[new[] { 2, 0 }, ..], "np.concatenate([a[8:10], a[0:4]])", [input]);
        var floats = Values(70).Select(v => (float)v).ToArray();
        var y = BlockedArray.FromArray(floats, [10, 7], [4, 3]);
        ArrayAssert.EqualNumPy(y.Blocks[.., 1] * 2f, "a[:, 3:6] * np.float32(2)", [NumPyInput.Of("a", floats, 10, 7)]);
    }

    [Fact]
    public void Selection_IsLazy_AndComputesOnlySelectedBlocks()
    {
        var made = new ConcurrentBag<string>();
        var x = BlockedArray.FromFunction<double>([10, 7], [4, 3], (index, shape) =>
        {
            made.Add(string.Join(",", index));
            return Tensor.Create(new double[shape[0] * shape[1]], [.. shape.Select(s => (nint)s)]);
        }, name: "counted");
        var view = x.Blocks[2, 1..];
        Assert.Empty(made);
        view.Compute();
        Assert.Equal(["2,1", "2,2"], made.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OutOfRange_AndTooMany_AreErrors()
    {
        var x = Array();
        Assert.Contains("which has 3 blocks", Assert.Throws<ArgumentOutOfRangeException>(() => x.Blocks[3]).Message,
            StringComparison.Ordinal);
        Assert.Contains("3 block selectors", Assert.Throws<ArgumentOutOfRangeException>(() => x.Blocks[0, 0, 0]).Message,
            StringComparison.Ordinal);
        Assert.Contains("no blocks on axis 1", Assert.Throws<ArgumentException>(() => x.Blocks[0, 1..1]).Message, StringComparison.Ordinal);
    }
}
