using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

public class BlockedArrayMapOverlapTests
{
    private static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Math.Round((random.NextDouble() * 20) - 10, 3))];
    }

    /// <summary>y[i] = Σ weights[k] · x[i + k − radius] where all neighbours exist; elements nearer the edge are copied.</summary>
    private static Tensor<T> Stencil1D<T>(Tensor<T> block, T[] weights) where T : unmanaged, INumber<T>
    {
        var x = block.ToArray();
        var y = (T[])x.Clone();
        var radius = weights.Length / 2;
        for (var i = radius; i < x.Length - radius; i++)
        {
            var sum = T.Zero;
            for (var k = 0; k < weights.Length; k++)
            {
                sum += weights[k] * x[i + k - radius];
            }
            y[i] = sum;
        }
        return Tensor.Create(y, block.Lengths.ToArray());
    }

    /// <summary>The 5-point Laplacian 4·x − (up + down + left + right) inside the block; the border is copied.</summary>
    private static Tensor<T> Laplacian<T>(Tensor<T> block) where T : unmanaged, INumber<T>
    {
        var rows = (int)block.Lengths[0];
        var cols = (int)block.Lengths[1];
        var x = block.ToArray();
        var y = (T[])x.Clone();
        var four = T.CreateChecked(4);
        for (var r = 1; r < rows - 1; r++)
        {
            for (var c = 1; c < cols - 1; c++)
            {
                var i = (r * cols) + c;
                y[i] = (four * x[i]) - x[i - cols] - x[i + cols] - x[i - 1] - x[i + 1];
            }
        }
        return Tensor.Create(y, block.Lengths.ToArray());
    }

    private static readonly double[] ThreePoint = [1, 2, 1];

    private static Tensor<double> ThreePointStencil(Tensor<double> block) => Stencil1D(block, ThreePoint);

    [Theory]
    [InlineData("reflect", "mode='symmetric'")]
    [InlineData("periodic", "mode='wrap'")]
    [InlineData("nearest", "mode='edge'")]
    [InlineData("2.5", "mode='constant', constant_values=2.5")]
    public void ThreePointStencil_UnevenChunks_MatchesNumPyPad(string boundary, string padMode)
    {
        var values = Values(29, 1);
        var chunks = ChunkSpec.Explicit([5, 3, 8, 1, 7, 5]); // a block of 1: rechunked, as dask does
        BlockedArray<double> Build() => BlockedArray.FromArray(values, [29], chunks)
            .MapOverlap(1, OverlapBoundary.Parse(boundary), ThreePointStencil, name: "three-point");
        ArrayAssert.EqualNumPy(Build(), $"(lambda p: p[:-2] + 2 * p[1:-1] + p[2:])(np.pad(a, 1, {padMode}))",
            [NumPyInput.Of("a", values, 29)], Build);
    }

    [Fact]
    public void Integers_ConstantBoundary_TruncatesTheValue_AsNumPyPad()
    {
        var values = Enumerable.Range(0, 17).Select(i => (long)((i * 7) % 11) - 5).ToArray();
        long[] weights = [1, 2, 1];
        var x = BlockedArray.FromArray(values, [17], [5]).MapOverlap(1, OverlapBoundary.Constant(2.7), b => Stencil1D(b, weights));
        ArrayAssert.EqualNumPy(x, "(lambda p: p[:-2] + 2 * p[1:-1] + p[2:])(np.pad(a, 1, mode='constant', constant_values=2.7))",
            [NumPyInput.Of("a", values, 17)], relative: 0);
    }

    [Fact]
    public void ThreePointStencil_NoBoundary_LeavesArrayEdgesToTheFunction()
    {
        var values = Values(23, 2);
        var x = BlockedArray.FromArray(values, [23], [6]).MapOverlap(1, OverlapBoundary.None, ThreePointStencil);
        Assert.Equal(x.Chunks, new ChunkGrid([[6, 6, 6, 5]]));
        ArrayAssert.EqualNumPy(x, "np.concatenate([a[:1], a[:-2] + 2 * a[1:-1] + a[2:], a[-1:]])", [NumPyInput.Of("a", values, 23)]);
    }

    [Theory]
    [InlineData("reflect", "mode='symmetric'")]
    [InlineData("periodic", "mode='wrap'")]
    [InlineData("0", "mode='constant', constant_values=0")]
    public void FivePointStencil_Depth2_Float_MatchesNumPyPad(string boundary, string padMode)
    {
        var values = Values(31, 3).Select(v => (float)v).ToArray();
        float[] weights = [1, -2, 3, -2, 1];
        var x = BlockedArray.FromArray(values, [31], ChunkSpec.Explicit([4, 9, 2, 7, 9])) // the 2 merges into its neighbour
            .MapOverlap(2, OverlapBoundary.Parse(boundary), b => Stencil1D(b, weights));
        Assert.All(x.Chunks.Chunks[0], c => Assert.True(c >= 2, $"a block of {c} is shorter than the depth"));
        ArrayAssert.EqualNumPy(x,
            $"(lambda p: p[:-4] - 2 * p[1:-3] + 3 * p[2:-2] - 2 * p[3:-1] + p[4:])(np.pad(a, 2, {padMode}))",
            [NumPyInput.Of("a", values, 31)], relative: 1e-5);
    }

    [Theory]
    [InlineData(4, 3, "nearest", "mode='edge'")]
    [InlineData(5, 7, "reflect", "mode='symmetric'")]
    [InlineData(9, 2, "periodic", "mode='wrap'")]
    public void Laplacian2D_UnevenChunks_MatchesNumPyPad(int chunkRows, int chunkCols, string boundary, string padMode)
    {
        var values = Values(9 * 13, 4);
        var x = BlockedArray.FromArray(values, [9, 13], [chunkRows, chunkCols])
            .MapOverlap([1, 1], OverlapBoundary.Parse(boundary), Laplacian);
        ArrayAssert.EqualNumPy(x,
            $"(lambda p: 4 * p[1:-1, 1:-1] - p[:-2, 1:-1] - p[2:, 1:-1] - p[1:-1, :-2] - p[1:-1, 2:])(np.pad(a, 1, {padMode}))",
            [NumPyInput.Of("a", values, 9, 13)], relative: 1e-12);
        var floats = values.Select(v => (float)v).ToArray();
        var y = BlockedArray.FromArray(floats, [9, 13], [chunkRows, chunkCols])
            .MapOverlap([1, 1], OverlapBoundary.Parse(boundary), Laplacian);
        ArrayAssert.EqualNumPy(y,
            $"(lambda p: 4 * p[1:-1, 1:-1] - p[:-2, 1:-1] - p[2:, 1:-1] - p[1:-1, :-2] - p[1:-1, 2:])(np.pad(a, 1, {padMode}))",
            [NumPyInput.Of("a", floats, 9, 13)], relative: 1e-5);
    }

    [Fact]
    public void DepthOnOneAxisOnly_And_NoTrim_GivesExtendedBlocks()
    {
        var values = Values(6 * 8, 5);
        var x = BlockedArray.FromArray(values, [6, 8], [3, 4]);
        var extended = x.MapOverlap([0, 2], OverlapBoundary.Constant(-1), b => b, trim: false);
        Assert.Equal(new ChunkGrid([[3, 3], [8, 8]]), extended.Chunks);
        ArrayAssert.EqualNumPy(extended,
            "np.concatenate([np.pad(a[:, :6], ((0, 0), (2, 0)), constant_values=-1), np.pad(a[:, 2:], ((0, 0), (0, 2)), constant_values=-1)], axis=1)",
            [NumPyInput.Of("a", values, 6, 8)]);
    }

    [Fact]
    public void HaloTasks_ReadOneNeighbourEach_BlockTasksNeverReadWholeNeighbours()
    {
        var x = BlockedArray.FromArray(Values(12 * 12, 6), [12, 12], [4, 4]);
        var y = x.MapOverlap([1, 1], OverlapBoundary.Reflect, Laplacian);
        var graph = y.ToGraph(Device.Cpu);
        var blockTasks = graph.Tasks.Where(t => t.Kind == "overlap").ToList();
        var haloTasks = graph.Tasks.Where(t => t.Kind == "overlap-halo").ToList();
        Assert.Equal(9, blockTasks.Count);
        Assert.All(haloTasks, t => Assert.Single(t.Dependencies));
        // A block task reads its own block and halo slabs: exactly one source block.
        Assert.All(blockTasks, t => Assert.Single(t.Dependencies, d => d.StartsWith(x.Name, StringComparison.Ordinal)));
        // An interior block has 8 neighbours' slabs (3 x 3 pieces less the block itself).
        Assert.Contains(blockTasks, t => t.Dependencies.Count == 9);
    }

    [Fact]
    public void Errors_SayWhatWasGivenAndExpected()
    {
        var x = BlockedArray.FromArray(Values(10, 7), [10], [5]);
        Assert.Contains("1 axes", Assert.Throws<ArgumentException>(() => x.MapOverlap([1, 1], OverlapBoundary.Reflect, b => b)).Message,
            StringComparison.Ordinal);
        Assert.Contains("exceeds axis 0's length 10",
            Assert.Throws<ArgumentException>(() => x.MapOverlap(11, OverlapBoundary.Periodic, b => b)).Message, StringComparison.Ordinal);
        Assert.Contains("\"reflect\"", Assert.Throws<ArgumentException>(() => OverlapBoundary.Parse("mirror")).Message,
            StringComparison.Ordinal);
        var shrinking = x.MapOverlap(1, OverlapBoundary.Nearest, b => Tensor.Create(new double[2], [2]));
        var error = Assert.Throws<TaskFailedException>(() => shrinking.Compute());
        Assert.Contains("extended (halo included) shape is (7)", error.InnerException!.Message, StringComparison.Ordinal);
    }
}
