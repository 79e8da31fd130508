namespace Tessera.Arrays.Tests.Selection;

/// <summary>Unique against NumPy: integers over 2-D blocks, floats with NaN, and use of the unknown-size result.</summary>
public class UniqueTests
{
    [Fact]
    public void Unique_OfIntegerBlocks_MatchesNumPy()
    {
        var values = Enumerable.Range(0, 7 * 9).Select(i => (long)((i * 7919) % 23) - 5).ToArray();
        var x = BlockedArray.FromArray(values, [7, 9], [3, 4]);
        var (expected, _) = ArrayAssert.EvaluateNumPy<long>("np.unique(x)", [NumPyInput.Of("x", values, 7, 9)]);
        foreach (var scheduler in new[] { SchedulerKind.Synchronous, SchedulerKind.Threaded })
        {
            Assert.Equal(expected, BlockedArray.Unique(x).Compute(new ComputeOptions { Scheduler = scheduler }).ToArray());
        }
    }

    [Fact]
    public void Unique_OfFloatsWithNaN_KeepsOneNaNLast_AndFeedsReductions()
    {
        double[] values = [3, double.NaN, -1, 3, 2.5, double.NaN, -1, 0, 2.5, 7];
        var x = BlockedArray.FromArray(values, [10], [3]);
        var (expected, _) = ArrayAssert.EvaluateNumPy<double>("np.unique(x)", [NumPyInput.Of("x", values, 10)]);
        var unique = BlockedArray.Unique(x);
        Assert.Equal(expected, unique.Compute().ToArray());
        Assert.Equal(-1 + 0 + 2.5 + 3 + 7, BlockedArray.Unique(x[x > -100.0]).Sum().Compute());
    }
}
