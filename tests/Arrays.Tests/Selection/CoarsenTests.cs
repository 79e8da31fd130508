namespace Tessera.Arrays.Tests.Selection;

/// <summary>Coarsen against NumPy's reshape-and-reduce, with blocks that do and do not align with the windows.</summary>
public class CoarsenTests
{
    private static readonly long[] Shape = [12, 10];

    private static double[] Values() => [.. Enumerable.Range(0, 120).Select(i => Math.Sin(i) * 10)];

    [Theory]
    [InlineData(CoarsenReduction.Mean, "mean", 4L, 5L)]
    [InlineData(CoarsenReduction.Sum, "sum", 3L, 4L)]
    [InlineData(CoarsenReduction.Max, "max", 5L, 3L)]
    [InlineData(CoarsenReduction.Min, "min", 12L, 10L)]
    [InlineData(CoarsenReduction.Prod, "prod", 6L, 2L)]
    public void Coarsen_MatchesNumPyReshapeReduce(CoarsenReduction reduction, string numpy, long rowChunk, long columnChunk)
    {
        var values = Values();
        var x = BlockedArray.FromArray(values, Shape, [rowChunk, columnChunk]);
        var coarse = BlockedArray.Coarsen(x, reduction, new Dictionary<int, int> { [0] = 3, [1] = 2 });
        Assert.Equal([4L, 5L], coarse.Shape);
        ArrayAssert.EqualNumPy(coarse, $"x.reshape(4, 3, 5, 2).{numpy}(axis=(1, 3))", [NumPyInput.Of("x", values, Shape)]);
    }

    [Fact]
    public void Coarsen_TrimExcessAndAFunction_MatchNumPy()
    {
        var values = Values();
        var x = BlockedArray.FromArray(values, Shape, [5, 10]);
        var coarse = BlockedArray.Coarsen(x, w => w.Max() - w.Min(), new Dictionary<int, int> { [0] = 5, [-1] = 3 }, trimExcess: true);
        ArrayAssert.EqualNumPy(coarse, "np.ptp(x[:10, :9].reshape(2, 5, 3, 3), axis=(1, 3))", [NumPyInput.Of("x", values, Shape)]);
    }

    [Fact]
    public void Coarsen_Misfits_SayWhatToDo()
    {
        var x = BlockedArray.FromArray(Values(), Shape, [4, 5]);
        var error = Assert.Throws<ArgumentException>(() => BlockedArray.Coarsen(x, CoarsenReduction.Sum, new Dictionary<int, int> { [1] = 3 }));
        Assert.Contains("trimExcess", error.Message);
        var ints = BlockedArray.FromArray(Enumerable.Range(0, 120).ToArray(), Shape, [4, 5]);
        Assert.Contains("Astype<double>", Assert.Throws<ArgumentException>(() => BlockedArray.Coarsen(ints, CoarsenReduction.Mean, new Dictionary<int, int> { [0] = 2 })).Message);
        Assert.Equal([6L, 10L], BlockedArray.Coarsen(ints, CoarsenReduction.Sum, new Dictionary<int, int> { [0] = 2 }).Shape);
    }
}
