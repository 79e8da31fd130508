namespace Tessera.Arrays.Tests;

/// <summary>Median, NanMedian, Percentile, Quantile and weighted Average along an axis, against NumPy.</summary>
public class OrderStatisticsTests
{
    private static readonly long[] Shape = [8, 9, 6];

    private static double[] Values(int seed, bool withNaN = false)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 8 * 9 * 6).Select(_ => Math.Round(random.NextDouble() * 20, 1) - 5).ToArray(); // ties too
        if (withNaN)
        {
            for (var i = 0; i < values.Length; i += 7)
            {
                values[i] = double.NaN;
            }
        }
        return values;
    }

    private static BlockedArray<double> X(double[] values) => BlockedArray.FromArray(values, Shape, [3, 4, 5]);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Median_AlongEachAxis_MatchesNumPy(int axis)
    {
        var values = Values(1);
        ArrayAssert.EqualNumPy(BlockedArray.Median(X(values), axis), $"np.median(x, axis={axis})", [NumPyInput.Of("x", values, Shape)]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void MedianAndNanMedian_WithNaN_MatchNumPy(int axis)
    {
        var values = Values(2, withNaN: true);
        ArrayAssert.EqualNumPy(BlockedArray.Median(X(values), axis), $"np.median(x, axis={axis})", [NumPyInput.Of("x", values, Shape)]);
        ArrayAssert.EqualNumPy(BlockedArray.NanMedian(X(values), axis), $"np.nanmedian(x, axis={axis})", [NumPyInput.Of("x", values, Shape)]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void PercentileAndQuantile_MatchNumPy(int axis)
    {
        var values = Values(3);
        double[] q = [0, 12.5, 50, 90, 100];
        ArrayAssert.EqualNumPy(BlockedArray.Percentile(X(values), q, axis), $"np.percentile(x, [0, 12.5, 50, 90, 100], axis={axis})",
            [NumPyInput.Of("x", values, Shape)]);
        ArrayAssert.EqualNumPy(BlockedArray.Quantile(X(values), [0.25, 0.75], axis), $"np.quantile(x, [0.25, 0.75], axis={axis})",
            [NumPyInput.Of("x", values, Shape)]);
    }

    [Fact]
    public void Average_WithFullAndAxisWeights_MatchesNumPy()
    {
        var values = Values(4);
        var weights = Values(5).Select(v => v + 6).ToArray(); // positive
        var w = BlockedArray.FromArray(weights, Shape, [4, 3, 6]);
        ArrayAssert.EqualNumPy(BlockedArray.Average(X(values), w, 1), "np.average(x, weights=w, axis=1)",
            [NumPyInput.Of("x", values, Shape), NumPyInput.Of("w", weights, Shape)]);
        double[] line = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        ArrayAssert.EqualNumPy(BlockedArray.Average(X(values), BlockedArray.FromArray(line, [9], [4]), 1), "np.average(x, weights=w, axis=1)",
            [NumPyInput.Of("x", values, Shape), NumPyInput.Of("w", line, 9)]);
    }

    [Fact]
    public void BadArguments_SayWhatToPass()
    {
        var x = X(Values(6));
        Assert.Contains("[0, 100]", Assert.Throws<ArgumentOutOfRangeException>(() => BlockedArray.Percentile(x, [101], 0)).Message);
        Assert.Contains("call Percentile", Assert.Throws<ArgumentOutOfRangeException>(() => BlockedArray.Quantile(x, [50], 0)).Message);
        Assert.Contains("One weight per element of axis 1", Assert.Throws<ArgumentException>(() =>
            BlockedArray.Average(x, BlockedArray.FromArray(new double[4], [4], [4]), 1)).Message);
    }
}
