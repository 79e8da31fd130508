using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

public class ChunkGridTests
{
    [Fact]
    public void Regular_UnevenLastBlock_DerivesShapeAndBlocks()
    {
        var grid = ChunkGrid.Regular([7, 5], [3, 5]);
        Assert.Equal([7L, 5L], grid.Shape);
        Assert.Equal([3L, 3L, 1L], grid.Chunks[0]);
        Assert.Equal([5L], grid.Chunks[1]);
        Assert.Equal([3, 1], grid.BlockCounts);
        Assert.Equal(3, grid.BlockCount);
        Assert.Equal([1L, 5L], grid.BlockShape([2, 0]));
        Assert.Equal([6L, 0L], grid.BlockOffset([2, 0]));
        Assert.Equal("((3, 3, 1), (5,))", grid.ToString());
    }

    [Fact]
    public void BlockIndices_AreRowMajorAndMatchLinearIndex()
    {
        var grid = ChunkGrid.Regular([5, 7, 3], [2, 3, 3]);
        var indices = grid.BlockIndices().ToList();
        Assert.Equal(grid.BlockCount, indices.Count);
        Assert.Equal([0, 0, 0], indices[0]);
        Assert.Equal([0, 1, 0], indices[1]);
        Assert.Equal(Enumerable.Range(0, indices.Count).Select(i => (long)i), indices.Select(i => grid.LinearIndex(i)));
    }

    [Fact]
    public void Regular_WrongRank_SaysHowToFix()
    {
        var error = Assert.Throws<ArgumentException>(() => ChunkGrid.Regular([10, 10], [5, 5, 5]));
        Assert.Contains("chunks has 3 dimensions; the array has 2", error.Message);
        Assert.Contains("chunks: [10, 10]", error.Message);
    }

    [Fact]
    public void EmptyAxis_IsOneBlockOfZero()
    {
        var grid = ChunkGrid.Regular([0, 4], [3, 2]);
        Assert.Equal([0L, 4L], grid.Shape);
        Assert.Equal([0L], grid.Chunks[0]);
        Assert.Equal(0, grid.ElementCount);
    }

    [Fact]
    public void BlockShape_OutOfRange_NamesTheAxis()
    {
        var grid = ChunkGrid.Regular([7], [3]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => grid.BlockShape([3]));
        Assert.Contains("Block 3 on axis 0 does not exist; that axis has 3 blocks", error.Message);
    }

    [Fact]
    public void Equality_IsStructural()
    {
        Assert.Equal(ChunkGrid.Regular([7, 5], [3, 5]), new ChunkGrid([[3, 3, 1], [5]]));
        Assert.NotEqual(ChunkGrid.Regular([7, 5], [3, 5]), ChunkGrid.Regular([7, 5], [4, 5]));
        Assert.Equal(ChunkGrid.Regular([7, 5], [3, 5]).GetHashCode(), new ChunkGrid([[3, 3, 1], [5]]).GetHashCode());
    }

    [Fact]
    public void Unify_TakesEveryBoundaryOfBoth()
    {
        var unified = ChunkGrid.Unify(ChunkGrid.Regular([10], [4]), ChunkGrid.Regular([10], [5]));
        Assert.Equal([4L, 1L, 3L, 2L], unified.Chunks[0]);
    }

    [Fact]
    public void Broadcast_SizeOneAxesStretch_AndChunksFollowTheFullOperand()
    {
        var grid = ChunkGrid.Broadcast(ChunkGrid.Regular([6, 4], [3, 2]), ChunkGrid.Regular([1, 4], [1, 4]), ChunkGrid.Regular([4], [1]));
        Assert.Equal([6L, 4L], grid.Shape);
        Assert.Equal([3L, 3L], grid.Chunks[0]);
        Assert.Equal([1L, 1L, 1L, 1L], grid.Chunks[1]);
    }

    [Fact]
    public void BroadcastShapes_Mismatch_ReadsLikeNumPy()
    {
        var error = Assert.Throws<ArgumentException>(() => ChunkGrid.BroadcastShapes([3, 4], [5]));
        Assert.Contains("cannot broadcast shapes (3, 4) and (5,)", error.Message);
    }
}

public class ChunkSpecTests
{
    [Fact]
    public void CollectionExpression_GivesSizesPerAxis_MinusOneMeansWholeAxis()
    {
        ChunkSpec spec = [1000, -1];
        var grid = spec.Resolve([2500, 30], sizeof(double));
        Assert.Equal([1000L, 1000L, 500L], grid.Chunks[0]);
        Assert.Equal([30L], grid.Chunks[1]);
    }

    [Fact]
    public void Explicit_MustAddUpToTheShape()
    {
        var spec = ChunkSpec.Explicit([3, 3], [5]);
        var error = Assert.Throws<ArgumentException>(() => spec.Resolve([7, 5], 8));
        Assert.Contains("add up to shape (6, 5)", error.Message);
        Assert.Equal([3L, 4L], ChunkSpec.Explicit([3, 4], [5]).Resolve([7, 5], 8).Chunks[0]);
    }

    [Fact]
    public void Auto_SquareFloat64_MakesEvenBlocksNearTheTarget()
    {
        var grid = ChunkSpec.Auto.Resolve([20000, 20000], sizeof(double));
        Assert.Equal(Enumerable.Repeat(4000L, 5), grid.Chunks[0]);
        Assert.Equal(Enumerable.Repeat(4000L, 5), grid.Chunks[1]);
    }

    [Theory]
    [InlineData(new long[] { 100_000_000 }, 8)]
    [InlineData(new long[] { 365, 720, 1440 }, 4)]
    [InlineData(new long[] { 3, 50_000, 50_000 }, 4)]
    [InlineData(new long[] { 17, 19 }, 8)]
    public void Auto_BlocksStayWithinTheTargetAndUseMostOfIt(long[] shape, int elementSize)
    {
        var target = ChunkSpec.DefaultTargetBytes;
        var grid = ChunkSpec.Auto.Resolve(shape, elementSize);
        var first = grid.BlockShape(new int[shape.Length]);
        var bytes = first.Aggregate((long)elementSize, (a, b) => a * b);
        Assert.InRange(bytes, 1, target);
        var total = shape.Aggregate((long)elementSize, (a, b) => a * b);
        // Either the whole array fits in one block, or a block uses a good part of the target.
        Assert.True(total <= target ? grid.BlockCount == 1 : bytes >= target / 4, $"blocks {grid} of {bytes} bytes");
    }

    [Fact]
    public void Auto_WithStorageChunks_MakesWholeMultiplesOfThem()
    {
        var grid = ChunkSpec.Auto.Resolve([20000, 20000], sizeof(double), storageChunks: [1000, 1000]);
        Assert.All(grid.Chunks.SelectMany(c => c.SkipLast(1)), size => Assert.Equal(0, size % 1000));
        var block = grid.BlockShape([0, 0]);
        Assert.InRange(block[0] * block[1] * 8, (ChunkSpec.DefaultTargetBytes / 4), ChunkSpec.DefaultTargetBytes);
    }
}
