using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

public class BlockedArrayReductionTests
{
    private const int Rows = 23, Cols = 17;

    private static double[] Values(int seed) =>
        [.. Enumerable.Range(0, Rows * Cols).Select(i => Math.Sin((i * 0.37) + seed) * 10)];

    private static BlockedArray<double> Array(double[] values, int chunkRows, int chunkCols) =>
        BlockedArray.FromArray(values, [Rows, Cols], [chunkRows, chunkCols]);

    /// <summary>Reference reduction along rows (axis 0) or columns (axis 1).</summary>
    private static double[] Along(double[] values, int axis, Func<IEnumerable<double>, double> reduce) => axis == 0
        ? [.. Enumerable.Range(0, Cols).Select(c => reduce(Enumerable.Range(0, Rows).Select(r => values[(r * Cols) + c])))]
        : [.. Enumerable.Range(0, Rows).Select(r => reduce(values.Skip(r * Cols).Take(Cols)))];

    private static double Variance(IEnumerable<double> xs, int ddof)
    {
        var list = xs.ToList();
        var mean = list.Average();
        return list.Sum(x => (x - mean) * (x - mean)) / (list.Count - ddof);
    }

    [Theory]
    [InlineData(5, 4, 2)]
    [InlineData(23, 17, 4)]
    [InlineData(3, 2, 16)]
    public void WholeArray_SumMinMaxMeanVarStd_MatchReference(int chunkRows, int chunkCols, int splitEvery)
    {
        var values = Values(1);
        var x = Array(values, chunkRows, chunkCols);
        Assert.Equal(values.Sum(), x.Sum(splitEvery: splitEvery).Compute(), 1e-9);
        Assert.Equal(values.Min(), x.Min(splitEvery: splitEvery).Compute());
        Assert.Equal(values.Max(), x.Max(splitEvery: splitEvery).Compute());
        Assert.Equal(values.Average(), x.Mean(splitEvery: splitEvery).Compute(), 1e-12);
        Assert.Equal(Variance(values, 0), x.Var(splitEvery: splitEvery).Compute(), 1e-10);
        Assert.Equal(Math.Sqrt(Variance(values, 1)), x.Std(ddof: 1, splitEvery: splitEvery).Compute(), 1e-10);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void AlongOneAxis_MatchesReference(int axis)
    {
        var values = Values(2);
        var x = Array(values, 4, 5);
        ArrayAssert.Equal(Along(values, axis, v => v.Sum()), x.Sum(axis), relative: 1e-12);
        ArrayAssert.Equal(Along(values, axis, v => v.Average()), x.Mean(axis), relative: 1e-12);
        ArrayAssert.Equal(Along(values, axis, v => v.Max()), x.Max([axis]));
        ArrayAssert.Equal(Along(values, axis, v => Math.Sqrt(Variance(v, 1))), x.Std(axis, ddof: 1), relative: 1e-10);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PositionalInteger_IsAnAxis_ForEveryReduction(int axis)
    {
        // As in NumPy, x.Max(0) reduces along axis 0; it must never bind to splitEvery.
        var values = Values(4);
        values[7] = double.NaN;
        var x = Array(values, 4, 5);
        var withoutNaN = values.Select(v => double.IsNaN(v) ? 0 : v).ToArray();
        ArrayAssert.Equal(Along(values, axis, v => v.Aggregate(1.0, (p, e) => p * e)), x.Prod(axis), relative: 1e-12);
        ArrayAssert.Equal(Along(values, axis, v => v.Any(double.IsNaN) ? double.NaN : v.Min()), x.Min(axis));
        ArrayAssert.Equal(Along(values, axis, v => v.Any(double.IsNaN) ? double.NaN : v.Max()), x.Max(axis));
        ArrayAssert.Equal(Along(withoutNaN, axis, v => v.Sum()), x.NanSum(axis), relative: 1e-12);
        ArrayAssert.Equal(Along(values, axis, v => v.Where(e => !double.IsNaN(e)).Min()), x.NanMin(axis));
        ArrayAssert.Equal(Along(values, axis, v => v.Where(e => !double.IsNaN(e)).Max()), x.NanMax(axis));
        ArrayAssert.Equal(Along(values, axis, v => v.Where(e => !double.IsNaN(e)).Average()), x.NanMean(axis), relative: 1e-12);
        var positive = x > 0.0;
        var anyExpected = Along(values, axis, v => v.Any(e => e > 0) ? 1 : 0).Select(v => v == 1).ToArray();
        var allExpected = Along(values, axis, v => v.All(e => e > 0) ? 1 : 0).Select(v => v == 1).ToArray();
        Assert.Equal(anyExpected, positive.Any(axis).Compute().ToArray());
        Assert.Equal(allExpected, positive.All(axis).Compute().ToArray());
    }

    [Fact]
    public void KeepDims_KeepsReducedAxesAsLengthOne_AndBroadcastsBack()
    {
        var values = Values(3);
        var x = Array(values, 4, 5);
        var means = x.Mean(1, keepDims: true);
        Assert.Equal([(long)Rows, 1L], means.Shape);
        var rowMeans = Along(values, 1, v => v.Average());
        var anomalies = x - means;
        ArrayAssert.Equal([.. values.Select((v, i) => v - rowMeans[i / Cols])], anomalies, relative: 1e-12);
    }

    [Fact]
    public void SumOfSquares_ReadsTheInputOnce_NoElementwiseLayer()
    {
        var x = Array(Values(4), 5, 5);
        var total = (x * x).Sum();
        var graph = total.Array.ToGraph(Device.Cpu);
        // Every chunk-step task depends on a source block directly: x*x is the kernel's prologue.
        var chunkTasks = graph.Tasks.Where(t => t.Kind == "sum-chunk").ToList();
        Assert.Equal(x.Chunks.BlockCount, chunkTasks.Count);
        Assert.All(chunkTasks, t => Assert.All(t.Dependencies, d => Assert.StartsWith(x.Name, d, StringComparison.Ordinal)));
        Assert.DoesNotContain(graph.Tasks, t => t.Kind == "multiply");
        Assert.Equal(Values(4).Sum(v => v * v), total.Compute(), 1e-9);
    }

    [Fact]
    public void SeveralAxesOf3D_MatchReference()
    {
        var values = Enumerable.Range(0, 4 * 5 * 6).Select(i => (double)((i * 7) % 11)).ToArray();
        var x = BlockedArray.FromArray(values, [4, 5, 6], [3, 2, 4]);
        var expected = Enumerable.Range(0, 5).Select(j =>
            Enumerable.Range(0, 4).SelectMany(i => Enumerable.Range(0, 6).Select(k => values[(i * 30) + (j * 6) + k])).Sum()).ToArray();
        ArrayAssert.Equal(expected, x.Sum([0, -1]));
    }

    [Fact]
    public void Float32_VarianceStaysAccurate()
    {
        // Large offset, small spread: a naive sum of squares in float32 would lose everything.
        var values = Enumerable.Range(0, 10_000).Select(i => 1e4f + ((i % 10) * 0.1f)).ToArray();
        var x = BlockedArray.FromArray(values, [10_000], [777]);
        var exact = Variance(values.Select(v => (double)v), 0);
        Assert.Equal(exact, x.Var().Compute(), 1e-4);
    }

    [Fact]
    public void IntegerSum_AccumulatesInInt64_AndRefusesToWrap()
    {
        var small = BlockedArray.Arange<int>(1000, [300]);
        Assert.Equal(499_500, small.Sum().Compute());
        var big = BlockedArray.Full([4], int.MaxValue, [2]);
        var error = Assert.Throws<TaskFailedException>(() => big.Sum().Compute());
        Assert.IsType<OverflowException>(error.InnerException);
        Assert.Equal(4L * int.MaxValue, big.Astype<long>().Sum().Compute());
    }

    [Fact]
    public void IntegerMean_AsksForAnExplicitConversion()
    {
        var error = Assert.Throws<NotSupportedException>(() => BlockedArray.Arange<int>(10, [5]).Mean());
        Assert.Contains("Astype<double>()", error.Message);
    }

    [Fact]
    public void BadAxis_ReadsLikeNumPy()
    {
        var x = Array(Values(5), 5, 5);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => x.Sum(2));
        Assert.Contains("Axis 2 is out of range for an input of 2 dimension(s)", error.Message);
    }

    [Fact]
    public void Keys_AreDeterministic()
    {
        var values = Values(6);
        Assert.Equal(Array(values, 5, 5).Std(0, ddof: 1).Name, Array(values, 5, 5).Std(0, ddof: 1).Name);
        Assert.NotEqual(Array(values, 5, 5).Std(0, ddof: 1).Name, Array(values, 5, 5).Std(0, ddof: 0).Name);
    }
}

public class ZeroDimensionalTests
{
    [Fact]
    public void ReductionOverEveryAxis_ComputesToAOneElementTensor()
    {
        var x = BlockedArray.FromArray([1.0, 2, 3, 4, 5, 6], [2, 3], [1, 2]);
        var total = x.Sum([0, 1]);
        Assert.Equal(0, total.Rank);
        Assert.Equal([21.0], total.Compute().ToArray());
        Assert.Equal(21.0, x.Sum().Compute());
    }
}
