using Tessera.Testing;

namespace Tessera.Arrays.Tests;

/// <summary>Histogram (equal-width and explicit edges) and IsIn against NumPy, over several blocks on every axis.</summary>
public class HistogramTests
{
    private static readonly long[] Shape = [11, 13, 4];

    private static double[] Values()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 11 * 13 * 4).Select(_ => Math.Round((random.NextDouble() * 12) - 1, 2)).ToArray();
        values[0] = double.NaN;
        values[1] = 10; // exactly the top edge: counted in the last bin
        values[2] = 0;  // exactly the bottom edge
        return values;
    }

    private static long[] NumPyCounts(string call, double[] values)
    {
        var script = $"import numpy as np\nx = np.array([{string.Join(", ", values.Select(v => double.IsNaN(v) ? "np.nan" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}])\n" +
            $"print(' '.join(str(c) for c in {call}[0]))";
        return [.. PythonOracle.Run(script).Trim().Split(' ').Select(long.Parse)];
    }

    [Theory]
    [InlineData(10, 0.0, 10.0)]
    [InlineData(7, -0.5, 3.3)]
    [InlineData(1, 2.0, 2.5)]
    public void Histogram_EqualBins_MatchesNumPy(int bins, double min, double max)
    {
        var values = Values();
        var x = BlockedArray.FromArray(values, Shape, [4, 5, 3]);
        var (counts, edges) = BlockedArray.Histogram(x, bins, min, max);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(NumPyCounts($"np.histogram(x, {bins}, range=({min.ToString("R", invariant)}, {max.ToString("R", invariant)}))", values), counts.Compute().ToArray());
        Assert.Equal(bins + 1, edges.Length);
        Assert.Equal(max, edges[^1]);
    }

    [Fact]
    public void Histogram_ExplicitEdges_MatchesNumPy()
    {
        var values = Values();
        double[] edges = [-1, 0, 0.5, 2, 7.25, 10];
        var counts = BlockedArray.Histogram(BlockedArray.FromArray(values, Shape, [6, 13, 1]), edges).Compute().ToArray();
        Assert.Equal(NumPyCounts("np.histogram(x, bins=[-1, 0, 0.5, 2, 7.25, 10])", values), counts);
    }

    [Fact]
    public void Histogram_OfIntegersAndOneDimension_MatchesNumPy()
    {
        var values = Enumerable.Range(0, 100).Select(i => (i * 37) % 23).ToArray();
        var counts = BlockedArray.Histogram(BlockedArray.FromArray(values, [100], [30]), 5, 0, 22).Counts.Compute().ToArray();
        Assert.Equal(NumPyCounts("np.histogram(x, 5, range=(0, 22))", [.. values.Select(v => (double)v)]), counts);
    }

    [Fact]
    public void IsIn_MatchesNumPy()
    {
        var values = Enumerable.Range(0, 11 * 13 * 4).Select(i => (long)((i * 7919) % 50)).ToArray();
        var x = BlockedArray.FromArray(values, Shape, [4, 5, 3]);
        ArrayAssert.EqualNumPy(BlockedArray.IsIn(x, [3L, 17, 49, 1000]), "np.isin(x, [3, 17, 49, 1000])", [NumPyInput.Of("x", values, Shape)]);
    }

    [Fact]
    public void Histogram_BadArguments_SayWhatToPass()
    {
        var x = BlockedArray.FromArray(Values(), Shape, [4, 5, 3]);
        Assert.Contains("min < max", Assert.Throws<ArgumentException>(() => BlockedArray.Histogram(x, 3, 5, 5)).Message);
        Assert.Contains("increasing", Assert.Throws<ArgumentException>(() => BlockedArray.Histogram(x, [1.0, 1.0])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockedArray.Histogram(x, 0, 0, 1));
    }
}
