namespace Tessera.Arrays.Tests.Selection;

/// <summary>Sort and ArgSort along a one-chunk axis against NumPy, with NaN and ties.</summary>
public class SortTests
{
    private static readonly long[] Shape = [8, 12];

    private static double[] Values()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 96).Select(_ => Math.Round(random.NextDouble() * 10)).ToArray();
        values[7] = double.NaN;
        values[50] = double.NaN;
        return values;
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void Sort_AndStableArgSort_MatchNumPy(int axis)
    {
        var values = Values();
        var d = axis < 0 ? axis + 2 : axis;
        // The sorted axis is one chunk; the other keeps several blocks.
        long[] chunks = d == 1 ? [3, 12] : [8, 5];
        var x = BlockedArray.FromArray(values, Shape, ChunkSpec.Create(chunks));
        NumPyInput[] inputs = [NumPyInput.Of("x", values, Shape)];
        ArrayAssert.EqualNumPy(BlockedArray.Sort(x, axis), $"np.sort(x, axis={d})", inputs);
        ArrayAssert.EqualNumPy(BlockedArray.ArgSort(x, axis), $"np.argsort(x, axis={d}, kind='stable')", inputs);
    }

    [Fact]
    public void Sort_AlongASplitAxis_SaysHowToRechunk()
    {
        var x = BlockedArray.FromArray(Values(), Shape, [4, 5]);
        var error = Assert.Throws<ArgumentException>(() => BlockedArray.Sort(x));
        Assert.Contains("one chunk", error.Message);
        Assert.Contains("Rechunk", error.Message);
        var whole = BlockedArray.Sort(x.Rechunk(new Dictionary<int, long> { [1] = -1 })).Compute();
        Assert.Equal(Values().Skip(24).Take(12).Order().ToArray(), whole.ToArray().Skip(24).Take(12).ToArray()); // a row without NaN (LINQ orders NaN first)
    }
}
