using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

public class BlockedArrayElementwiseTests
{
    private static double[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 4) - 2)];
    }

    [Theory]
    [InlineData(7, 5, 3, 2)]
    [InlineData(33, 31, 10, 31)]
    [InlineData(4, 4, 4, 4)]
    public void FusedExpression_MatchesScalarReference(int rows, int cols, int chunkRows, int chunkCols)
    {
        var xs = Values(rows * cols, 1);
        var ys = Values(rows * cols, 2);
        BlockedArray<double> Build()
        {
            var x = BlockedArray.FromArray(xs, [rows, cols], [chunkRows, chunkCols]);
            var y = BlockedArray.FromArray(ys, [rows, cols], [chunkRows, chunkCols]);
            var s = BlockedArray.Sin(x);
            var c = BlockedArray.Cos(y);
            return (s * s) + (c * c * 3) - (x * y);
        }
        var expected = xs.Zip(ys, (x, y) => (Math.Sin(x) * Math.Sin(x)) + (Math.Cos(y) * Math.Cos(y) * 3) - (x * y)).ToArray();
        ArrayAssert.Equal(expected, Build(), Build);
    }

    [Fact]
    public void Chain_LowersToOneTaskPerOutputBlock()
    {
        var x = BlockedArray.FromArray(Values(100, 3), [10, 10], [5, 5]);
        var y = BlockedArray.Exp(-((x * 2.0) + 1.0)) / (x + 3.0);
        var graph = y.ToGraph(Device.Cpu);
        // 4 fused blocks: no intermediate layer exists, and the array in memory is read inside
        // them (views), so it has no tasks of its own.
        Assert.Equal(4, graph.Count);
        Assert.Equal(4, graph.Tasks.Count(t => t.Key.StartsWith(y.Name, StringComparison.Ordinal)));
    }

    [Fact]
    public void Float32_ScalarsKeepTheArrayType()
    {
        var values = Enumerable.Range(0, 733).Select(i => i * 0.25f).ToArray();
        var x = BlockedArray.FromArray(values, [733], [100]);
        var y = (x * 2.5f) - 1f;
        Assert.Equal(DType.Float32, y.DType);
        ArrayAssert.Equal([.. values.Select(v => (v * 2.5f) - 1f)], y, relative: 1e-6);
    }

    [Fact]
    public void DifferentChunkings_AreUnifiedAutomatically()
    {
        var xs = Values(60, 4);
        var ys = Values(60, 5);
        var x = BlockedArray.FromArray(xs, [60], [25]);
        var y = BlockedArray.FromArray(ys, [60], [7]);
        var sum = x + y;
        Assert.Equal(ChunkGrid.Unify(x.Chunks, y.Chunks), sum.Chunks);
        ArrayAssert.Equal([.. xs.Zip(ys, (a, b) => a + b)], sum);
    }

    [Fact]
    public void Broadcasting_RowAgainstMatrix_FollowsNumPy()
    {
        var matrix = Values(6 * 4, 6);
        var row = Values(4, 7);
        var m = BlockedArray.FromArray(matrix, [6, 4], [4, 3]);
        var r = BlockedArray.FromArray(row, [1, 4], [1, 3]);
        var expected = matrix.Select((v, i) => v - row[i % 4]).ToArray();
        ArrayAssert.Equal(expected, m - r);
        var vector = BlockedArray.FromArray(row, [4], [2]); // rank 1: aligns on the right
        ArrayAssert.Equal(expected, m - vector);
    }

    [Fact]
    public void Broadcasting_Mismatch_SaysWhichShapes()
    {
        var a = BlockedArray.Zeros<double>([3, 4], [3, 4]);
        var b = BlockedArray.Zeros<double>([5], [5]);
        var error = Assert.Throws<ArgumentException>(() => a + b);
        Assert.Contains("cannot broadcast shapes (3, 4) and (5,)", error.Message);
    }

    [Fact]
    public void IntegerDivision_ExplainsTheConversion()
    {
        var a = BlockedArray.Arange<int>(10, [5]);
        var error = Assert.Throws<InvalidOperationException>(() => a / a);
        Assert.Contains("Float64", error.Message);
        Assert.Contains("Astype", error.Message);
        ArrayAssert.Equal([.. Enumerable.Range(0, 10).Select(i => i / 4.0)], a.Astype<double>() / 4.0);
    }

    [Fact]
    public void Creation_FullOnesArangeAndFromFunction()
    {
        ArrayAssert.Equal(Enumerable.Repeat(2.5, 12).ToArray(), BlockedArray.Full([3, 4], 2.5, [2, 3]));
        ArrayAssert.Equal(Enumerable.Repeat(1L, 7).ToArray(), BlockedArray.Ones<long>([7], [3]));
        ArrayAssert.Equal([.. Enumerable.Range(0, 11).Select(i => (long)i)], BlockedArray.Arange<long>(11, [4]));
        var f = BlockedArray.FromFunction<int>([5, 3], [2, 3], (index, shape) =>
            System.Numerics.Tensors.Tensor.Create(Enumerable.Repeat(index[0], (int)(shape[0] * shape[1])).ToArray(), [(nint)shape[0], (nint)shape[1]]));
        ArrayAssert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2], f);
    }

    [Fact]
    public void FromFunction_WrongBlockShape_IsAClearError()
    {
        var bad = BlockedArray.FromFunction<int>([4], [2], (_, _) => System.Numerics.Tensors.Tensor.Create(new int[3], [3]));
        var error = Assert.Throws<TaskFailedException>(() => bad.Compute());
        Assert.Contains("whose shape is (2)", error.InnerException!.Message);
    }

    [Fact]
    public void FromArray_ViewsTheInput_SoAComputeSeesItsValuesThen()
    {
        // No copy (the array must not change during a compute): a compute reads the values as they are when it runs.
        var values = new double[] { 1, 2, 3 };
        var x = BlockedArray.FromArray(values, [3], [2]);
        values[0] = 100;
        ArrayAssert.Equal([100.0, 2.0, 3.0], x);
        Assert.Equal([100.0, 2.0, 3.0], values); // and never writes it
    }

    [Fact]
    public void ToString_ShowsShapeChunksLayersAndBytes()
    {
        var x = BlockedArray.Zeros<double>([1000, 1000], [500, 500]);
        var text = (x + 1.0).ToString();
        Assert.Contains("shape=(1000, 1000)", text);
        Assert.Contains("dtype=float64", text);
        Assert.Contains("chunks=((500, 500), (500, 500))", text);
        Assert.Contains("blocks=4, layers=2", text);
        Assert.Contains("7.6 MiB", text);
    }

    [Fact]
    public void ToString_OfAMillionBlocks_BuildsNoGraph()
    {
        // Lowering these million tasks takes seconds and a gigabyte; the repr reads only the nodes.
        var y = BlockedArray.Zeros<float>([1_000_000], [1]) * 2f;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var text = y.ToString();
        Assert.Contains("chunksize=(1,), blocks=1000000, layers=2", text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"ToString took {clock.Elapsed}");
    }
}
