using System.Numerics.Tensors;
using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

public class BlockedArrayMapBlocksTests
{
    private static double[] Values(int count, int seed) => [.. Enumerable.Range(0, count).Select(i => Math.Sin((i * 0.7) + seed) * 5)];

    private static Tensor<double> Square(Tensor<double> block) => Tensor.Multiply<double>(block, block);

    [Theory]
    [InlineData(4, 3)]
    [InlineData(13, 11)]
    [InlineData(5, 6)]
    public void ElementwiseFunction_MatchesNumPy_DoubleAndFloat(int chunkRows, int chunkCols)
    {
        var values = Values(13 * 11, 1);
        var x = BlockedArray.FromArray(values, [13, 11], [chunkRows, chunkCols]);
        ArrayAssert.EqualNumPy(x.MapBlocks<double>(Square, name: "square"), "a * a", [NumPyInput.Of("a", values, 13, 11)],
            () => BlockedArray.FromArray(values, [13, 11], [chunkRows, chunkCols]).MapBlocks<double>(Square, name: "square"));
        var floats = values.Select(v => (float)v).ToArray();
        var y = BlockedArray.FromArray(floats, [13, 11], [chunkRows, chunkCols]);
        ArrayAssert.EqualNumPy(y.MapBlocks<float>(b => Tensor.Add<float>(b, 1f)), "a + np.float32(1)", [NumPyInput.Of("a", floats, 13, 11)],
            relative: 1e-6);
    }

    [Fact]
    public void BlockInfo_GivesIndexAndLocation()
    {
        var x = BlockedArray.Zeros<long>([7, 5], [3, 2]);
        // Each block is filled with the global row-major position of each element, from array-location alone.
        var positions = x.MapBlocks<long>((block, info) =>
        {
            var loc = info.Output.ArrayLocation;
            Assert.Equal(info.Inputs[0].ChunkLocation, info.Output.ChunkLocation);
            Assert.Equal([3, 3], info.Output.NumChunks);
            var values = new List<long>();
            for (var r = loc[0].Start; r < loc[0].Stop; r++)
            {
                for (var c = loc[1].Start; c < loc[1].Stop; c++)
                {
                    values.Add((r * info.Output.ArrayShape[1]) + c);
                }
            }
            return Tensor.Create(values.ToArray(), block.Lengths.ToArray());
        });
        ArrayAssert.Equal([.. Enumerable.Range(0, 35).Select(i => (long)i)], positions);
    }

    [Fact]
    public void DeclaredChunks_ChangeBlockShapes_AndTheDType()
    {
        var values = Values(12, 2);
        var x = BlockedArray.FromArray(values, [12], ChunkSpec.Explicit([5, 5, 2]));
        // Per block: its sum, as a block of length 1 (declared chunks [1, 1, 1]).
        var sums = x.MapBlocks<float>(b => Tensor.Create(new[] { (float)Tensor.Sum<double>(b) }, [1]), new ChunkGrid([[1, 1, 1]]));
        Assert.Equal([3L], sums.Shape);
        ArrayAssert.EqualNumPy(sums, "np.array([a[:5].sum(), a[5:10].sum(), a[10:].sum()], dtype=np.float32)",
            [NumPyInput.Of("a", values, 12)], relative: 1e-6);
    }

    [Fact]
    public void WrongBlockShape_IsAnError_NamingBlockAndShapes()
    {
        var x = BlockedArray.FromArray(Values(10, 3), [10], [4]);
        var bad = x.MapBlocks<double>((b, info) => info.Output.ChunkLocation[0] == 1 ? Tensor.Create(new double[3], [3]) : b);
        var error = Assert.Throws<TaskFailedException>(() => bad.Compute());
        var message = error.InnerException!.Message;
        Assert.Contains("shape (3)", message, StringComparison.Ordinal);
        Assert.Contains("shape (4)", message, StringComparison.Ordinal);
        Assert.Contains("block [1]", message, StringComparison.Ordinal);
        var wrongCount = Assert.Throws<ArgumentException>(() => x.MapBlocks<double>(b => b, new ChunkGrid([[5, 5]])));
        Assert.Contains("(2) blocks per axis", wrongCount.Message, StringComparison.Ordinal);
        Assert.Contains("have 1 axes and (3)", wrongCount.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 3)]
    [InlineData(5, 5)]
    public void TwoArrays_UnifiedChunksAndBroadcast_MatchNumPy(int chunkA, int chunkB)
    {
        var a = Values(9 * 8, 4);
        var b = Values(9 * 8, 5);
        var row = Values(8, 6);
        var x = BlockedArray.FromArray(a, [9, 8], [chunkA, chunkA]);
        var y = BlockedArray.FromArray(b, [9, 8], [chunkB, 3]);
        var inputs = new[] { NumPyInput.Of("a", a, 9, 8), NumPyInput.Of("b", b, 9, 8), NumPyInput.Of("r", row, 1, 8) };
        var product = BlockedArray.MapBlocks<double, double, double>(x, y, (p, q, _) => Tensor.Multiply<double>(p, q));
        ArrayAssert.EqualNumPy(product, "a * b", inputs);
        // A (1, 8) row broadcasts into every row block: the function sees a (1, n) tensor.
        var r = BlockedArray.FromArray(row, [1, 8], [1, 3]);
        var shifted = BlockedArray.MapBlocks<double, double, double>(x, r, (p, q, info) =>
        {
            Assert.Equal(1, q.Lengths[0]);
            Assert.Equal(0, info.Inputs[1].ChunkLocation[0]);
            var left = p.ToArray();
            var right = q.ToArray();
            var width = (int)p.Lengths[1];
            return Tensor.Create(left.Select((v, i) => v - right[i % width]).ToArray(), p.Lengths.ToArray());
        });
        ArrayAssert.EqualNumPy(shifted, "a - r", inputs);
    }
}
