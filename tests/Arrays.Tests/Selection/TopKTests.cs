namespace Tessera.Arrays.Tests.Selection;

/// <summary>TopK and ArgTopK against NumPy's sort and argsort, over several blocks along and across the axis.</summary>
public class TopKTests
{
    private static readonly long[] Shape = [9, 23];

    private static double[] Values(bool withNaN)
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 9 * 23).Select(_ => random.NextDouble() * 100).ToArray();
        if (withNaN)
        {
            values[5] = double.NaN;
            values[40] = double.NaN;
        }
        return values;
    }

    [Theory]
    [InlineData(3, -1)]
    [InlineData(-4, -1)]
    [InlineData(7, 0)]
    [InlineData(-2, 0)]
    [InlineData(23, 1)]
    public void TopK_MatchesNumPySort(int k, int axis)
    {
        var values = Values(withNaN: true);
        var x = BlockedArray.FromArray(values, Shape, [4, 5]);
        var d = axis < 0 ? axis + 2 : axis;
        var take = $"np.take(s, range({Math.Abs(k)}), axis={d})";
        var sorted = k > 0 ? $"np.flip(np.sort(x, axis={d}), axis={d})" : $"np.sort(x, axis={d})";
        ArrayAssert.EqualNumPy(BlockedArray.TopK(x, k, axis), $"(lambda s: {take})({sorted})", [NumPyInput.Of("x", values, Shape)]);
    }

    [Theory]
    [InlineData(4, -1)]
    [InlineData(-3, 0)]
    [InlineData(1, 1)]
    public void ArgTopK_MatchesNumPyArgsort(int k, int axis)
    {
        var values = Values(withNaN: false);
        var x = BlockedArray.FromArray(values, Shape, [4, 5]);
        var d = axis < 0 ? axis + 2 : axis;
        var order = k > 0 ? $"np.flip(np.argsort(x, axis={d}, kind='stable'), axis={d})" : $"np.argsort(x, axis={d}, kind='stable')";
        ArrayAssert.EqualNumPy(BlockedArray.ArgTopK(x, k, axis), $"np.take({order}, range({Math.Abs(k)}), axis={d})", [NumPyInput.Of("x", values, Shape)]);
    }

    [Fact]
    public void TopK_OfIntegersInOneDimension_TakesEqualValuesByIndex()
    {
        var values = Enumerable.Range(0, 1000).Select(i => (i * 7919) % 97).ToArray();
        var x = BlockedArray.FromArray(values, [1000], [128]);
        var expected = values.OrderByDescending(v => v).Take(5).ToArray();
        Assert.Equal(expected, BlockedArray.TopK(x, 5).Compute().ToArray());
        // Equal values come in index order, as a stable sort gives them.
        var expectedIndices = values.Select((v, i) => (v, i)).OrderByDescending(p => p.v).ThenBy(p => p.i).Take(5).Select(p => (long)p.i).ToArray();
        Assert.Equal(expectedIndices, BlockedArray.ArgTopK(x, 5).Compute().ToArray());
        Assert.Equal(values.Order().Take(3).ToArray(), BlockedArray.TopK(x, -3).Compute().ToArray());
    }

    [Fact]
    public void TopK_BadK_SaysWhatFits()
    {
        var x = BlockedArray.FromArray(Values(false), Shape, [4, 5]);
        Assert.Contains("1..23", Assert.Throws<ArgumentOutOfRangeException>(() => BlockedArray.TopK(x, 24)).Message);
        Assert.Contains("1..9", Assert.Throws<ArgumentOutOfRangeException>(() => BlockedArray.ArgTopK(x, 0, axis: 0)).Message);
    }
}
