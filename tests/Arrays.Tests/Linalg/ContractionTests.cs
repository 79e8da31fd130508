using Tessera.Arrays.Tests.Masks;
using Input = Tessera.Arrays.Tests.NumPyReference.Input;

namespace Tessera.Arrays.Tests.LinearAlgebra;

/// <summary>Batched MatMul, Dot and Tensordot against numpy.matmul / numpy.dot / numpy.tensordot, in float64 and float32, several chunkings, both schedulers.</summary>
public class ContractionTests
{
    private static double[] Values(long[] shape, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, (int)shape.Aggregate(1L, (x, y) => x * y)).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 6))];
    }

    /// <summary>Two operands, their chunks, and NumPy's result of <paramref name="expression"/> over a and b.</summary>
    private static (double[] A, double[] B, NumPyReference.Result Expected) Case(long[] shapeA, long[] shapeB, string expression)
    {
        var a = Values(shapeA, shapeA.Length + 17);
        var b = Values(shapeB, shapeB.Length + 31);
        var expected = NumPyReference.Evaluate([new Input("a", a, shapeA), new Input("b", b, shapeB)], expression)[0];
        return (a, b, expected);
    }

    private static void BothTypes(long[] shapeA, long[] chunksA, long[] shapeB, long[] chunksB, string expression,
        Func<BlockedArray<double>, BlockedArray<double>, BlockedArray<double>> doubles,
        Func<BlockedArray<float>, BlockedArray<float>, BlockedArray<float>> floats)
    {
        var (a, b, expected) = Case(shapeA, shapeB, expression);
        MaskAssert.Equal(expected, doubles(BlockedArray.FromArray(a, shapeA, [.. chunksA]), BlockedArray.FromArray(b, shapeB, [.. chunksB])));
        MaskAssert.Equal(expected, floats(BlockedArray.FromArray([.. a.Select(v => (float)v)], shapeA, [.. chunksA]),
            BlockedArray.FromArray([.. b.Select(v => (float)v)], shapeB, [.. chunksB])), relative: 2e-5);
    }

    public static TheoryData<long[], long[], long[], long[], int> MatMulCases => new()
    {
        { [7, 5], [3, 2], [5, 3], [4, 2], 2 },
        { [31, 45], [8, 10], [45, 17], [13, 7], 4 },
        { [2, 3, 4], [1, 2, 3], [2, 4, 5], [2, 2, 2], 2 },
        { [3, 1, 5, 6], [2, 1, 2, 4], [4, 6, 2], [3, 4, 1], 3 },
        { [1, 4, 3], [1, 3, 2], [6, 3, 2], [4, 3, 2], 4 },
        { [5], [2], [5], [3], 2 },
        { [5], [3], [2, 5, 3], [1, 2, 2], 2 },
        { [2, 4, 5], [2, 3, 2], [5], [4], 2 },
        { [2, 0], [1, 1], [0, 3], [1, 2], 4 },
        { [0, 3], [1, 2], [3, 2], [2, 2], 4 },
    };

    [Theory]
    [MemberData(nameof(MatMulCases))]
    public void MatMul_BatchedAndPromoted_MatchesNumPy(long[] shapeA, long[] chunksA, long[] shapeB, long[] chunksB, int splitEvery)
    {
        BothTypes(shapeA, chunksA, shapeB, chunksB, "np.matmul(a, b)",
            (a, b) => BlockedArray.MatMul(a, b, splitEvery), (a, b) => BlockedArray.MatMul(a, b, splitEvery));
    }

    [Fact]
    public void MatMul_SeveralChunkings_GiveTheSameResultAndDeterministicKeys()
    {
        long[] shapeA = [3, 9, 10], shapeB = [10, 4];
        var (a, b, expected) = Case(shapeA, shapeB, "a @ b");
        foreach (var (chunksA, chunksB) in new (long[], long[])[] { ([1, 9, 10], [10, 4]), ([2, 4, 3], [4, 3]), ([3, 2, 1], [7, 1]) })
        {
            BlockedArray<double> Build() => BlockedArray.MatMul(BlockedArray.FromArray(a, shapeA, [.. chunksA]), BlockedArray.FromArray(b, shapeB, [.. chunksB]), 2);
            var product = Build();
            MaskAssert.Equal(expected, product);
            ArrayAssert.Equal(expected.Values, product, Build);
        }
    }

    public static TheoryData<long[], long[], long[], long[]> DotCases => new()
    {
        { [5], [2], [5], [3] },
        { [3, 4], [2, 3], [4], [3] },
        { [3, 4], [2, 3], [4, 6], [2, 4] },
        { [2, 3, 4], [1, 2, 3], [4], [2] },
        { [2, 3, 4], [2, 3, 1], [5, 4, 6], [2, 3, 4] },
        { [4], [3], [3, 4, 2], [2, 2, 1] },
    };

    [Theory]
    [MemberData(nameof(DotCases))]
    public void Dot_EveryRankCombination_MatchesNumPy(long[] shapeA, long[] chunksA, long[] shapeB, long[] chunksB)
    {
        BothTypes(shapeA, chunksA, shapeB, chunksB, "np.dot(a, b)", (a, b) => BlockedArray.Dot(a, b), (a, b) => BlockedArray.Dot(a, b));
    }

    [Fact]
    public void Dot_WithAZeroDimensionalOperand_Scales()
    {
        var (a, b, expected) = Case([3], [3, 4], "np.dot(a.sum(), b)");
        var total = BlockedArray.FromArray(a, [3], [2]).Sum().Array;
        MaskAssert.Equal(expected, BlockedArray.Dot(total, BlockedArray.FromArray(b, [3, 4], [2, 3])));
    }

    public static TheoryData<long[], long[], long[], long[], int[], int[]> TensordotCases => new()
    {
        { [3, 4, 5], [2, 3, 2], [4, 5, 6], [3, 2, 4], [1, 2], [0, 1] },
        { [3, 4, 5], [2, 3, 4], [4, 2, 3], [3, 2, 1], [1, 0], [0, 2] },
        { [3, 4, 5], [3, 2, 2], [5, 3], [2, 2], [-1, 0], [0, -1] },
        { [6, 5], [4, 2], [5, 6], [3, 4], [0, 1], [1, 0] },
        { [3], [2], [2], [1], [], [] },
    };

    [Theory]
    [MemberData(nameof(TensordotCases))]
    public void Tensordot_AxisLists_MatchNumPy(long[] shapeA, long[] chunksA, long[] shapeB, long[] chunksB, int[] axesA, int[] axesB)
    {
        var expression = $"np.tensordot(a, b, axes=([{string.Join(",", axesA)}], [{string.Join(",", axesB)}]))";
        BothTypes(shapeA, chunksA, shapeB, chunksB, expression,
            (a, b) => BlockedArray.Tensordot(a, b, axesA, axesB, splitEvery: 2), (a, b) => BlockedArray.Tensordot(a, b, axesA, axesB));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Tensordot_IntegerAxes_MatchNumPy(int axes)
    {
        long[] shapeA = axes == 0 ? [3, 2] : [3, 4, 5];
        long[] shapeB = axes == 0 ? [4] : axes == 1 ? [5, 2] : [4, 5, 2];
        long[] chunksA = axes == 0 ? [2, 1] : [2, 3, 2];
        long[] chunksB = axes == 0 ? [3] : axes == 1 ? [3, 1] : [2, 4, 1];
        BothTypes(shapeA, chunksA, shapeB, chunksB, $"np.tensordot(a, b, axes={axes})",
            (a, b) => BlockedArray.Tensordot(a, b, axes), (a, b) => BlockedArray.Tensordot(a, b, axes));
    }

    [Fact]
    public void Errors_NameTheShapes()
    {
        var x = BlockedArray.Zeros<double>([3, 4], [2, 2]);
        var y = BlockedArray.Zeros<double>([5, 2], [2, 2]);
        var mismatch = Assert.Throws<ArgumentException>(() => BlockedArray.MatMul(x, y));
        Assert.Contains("matmul: contraction dimension mismatch: (3, 4) @ (5, 2)", mismatch.Message, StringComparison.Ordinal);
        var batches = Assert.Throws<ArgumentException>(() =>
            BlockedArray.MatMul(BlockedArray.Zeros<double>([2, 3, 4], [1, 3, 4]), BlockedArray.Zeros<double>([3, 4, 2], [1, 4, 2])));
        Assert.Contains("batch dimensions cannot broadcast: (2, 3, 4) @ (3, 4, 2)", batches.Message, StringComparison.Ordinal);
        var sum = Assert.Throws<ArgumentException>(() => BlockedArray.Tensordot(x, y, [1], [0]));
        Assert.Contains("tensordot: shape-mismatch for sum: axis 1 of (3, 4) has 4, axis 0 of (5, 2) has 5", sum.Message, StringComparison.Ordinal);
        Assert.Contains("dot: shape-mismatch", Assert.Throws<ArgumentException>(() => BlockedArray.Dot(x, x)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BlockedArray.MatMul(x.Sum().Array, x));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockedArray.Tensordot(x, y, 3));
        Assert.Throws<NotSupportedException>(() => BlockedArray.MatMul(BlockedArray.Zeros<int>([2, 2], [1, 1]), BlockedArray.Zeros<int>([2, 2], [1, 1])));
    }

    [Theory]
    [InlineData(7, 4)]   // groups of 4 and 3 block pairs
    [InlineData(5, 2)]   // groups of 2, 2 and 1, then a tree
    [InlineData(3, 8)]   // one group holds every pair
    public void ProductsAccumulateGroupsOfPairs_AnyRemainder(int kBlocks, int splitEvery)
    {
        const int M = 9, N = 5, ChunkK = 6;
        var k = kBlocks * ChunkK - 2; // a short last block
        var a = Enumerable.Range(0, M * k).Select(i => Math.Cos(i * 0.7)).ToArray();
        var b = Enumerable.Range(0, k * N).Select(i => Math.Sin(i * 0.3)).ToArray();
        var expected = new double[M * N];
        for (var i = 0; i < M; i++)
        {
            for (var j = 0; j < N; j++)
            {
                for (var l = 0; l < k; l++)
                {
                    expected[(i * N) + j] += a[(i * k) + l] * b[(l * N) + j];
                }
            }
        }
        var x = BlockedArray.FromArray(a, [M, k], [4, ChunkK]);
        var y = BlockedArray.FromArray(b, [k, N], [ChunkK, 3]);
        ArrayAssert.Equal(expected, BlockedArray.MatMul(x, y, splitEvery), relative: 1e-12);
        ArrayAssert.Equal(expected.Select(v => (float)v).ToArray(),
            BlockedArray.MatMul(x.Astype<float>(), y.Astype<float>(), splitEvery), relative: 1e-5);
    }

    [Fact]
    public void ContractedBlocks_AreSummedByATree()
    {
        // 8 blocks along k with splitEvery 2: each product task multiplies 2 block pairs into one
        // partial (the tree's first level), then two combine levels add the 4 partials, so no task
        // reads more than 2 pairs or adds more than 2 partials.
        var a = BlockedArray.Ones<double>([2, 16], [2, 2]);
        var b = BlockedArray.Ones<double>([16, 3], [2, 3]);
        var graph = BlockedArray.MatMul(a, b, splitEvery: 2).ToGraph(Device.Cpu);
        var products = graph.Tasks.Where(t => t.Kind == "matmul").ToList();
        Assert.Equal(4, products.Count);
        Assert.All(products, t => Assert.Equal(4, t.Args.Count));
        var combines = graph.Tasks.Where(t => t.Kind == "combine").ToList();
        Assert.Equal(2 + 1, combines.Count);
        Assert.All(combines, t => Assert.True(t.Args.Count <= 2));
        ArrayAssert.Equal(Enumerable.Repeat(16.0, 6).ToArray(), BlockedArray.MatMul(a, b, splitEvery: 2));
    }
}
