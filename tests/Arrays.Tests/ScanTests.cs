namespace Tessera.Arrays.Tests;

/// <summary>CumSum and CumProd along each axis, over uneven blocks, against NumPy.</summary>
public class ScanTests
{
    private static readonly long[] Shape = [9, 7, 5];

    public static TheoryData<int, long[]> AxesAndChunks() => new()
    {
        { 0, [2, 3, 5] },  // five blocks along the scanned axis
        { 1, [4, 2, 5] },
        { -1, [9, 7, 2] },
        { 1, [3, 7, 2] },  // one block along the scanned axis: the in-block scan alone
    };

    [Theory]
    [MemberData(nameof(AxesAndChunks))]
    public void CumSum_Float64_MatchesNumPy(int axis, long[] chunks)
    {
        var values = new Random(1).Values(Shape, v => v - 0.3);
        var x = BlockedArray.FromArray(values, Shape, ChunkSpec.Create(chunks));
        ArrayAssert.EqualNumPy(BlockedArray.CumSum(x, axis), $"np.cumsum(x, axis={axis})", [NumPyInput.Of("x", values, Shape)], relative: 1e-12);
    }

    [Theory]
    [MemberData(nameof(AxesAndChunks))]
    public void CumSum_Int64_MatchesNumPyExactly(int axis, long[] chunks)
    {
        var values = new Random(2).Values(Shape, v => v).Select(v => (long)(v * 1000) - 400).ToArray();
        var x = BlockedArray.FromArray(values, Shape, ChunkSpec.Create(chunks));
        ArrayAssert.EqualNumPy(BlockedArray.CumSum(x, axis), $"np.cumsum(x, axis={axis})", [NumPyInput.Of("x", values, Shape)], relative: 0);
    }

    [Theory]
    [MemberData(nameof(AxesAndChunks))]
    public void CumProd_Float64_MatchesNumPy(int axis, long[] chunks)
    {
        // Factors near one, so products stay in range along every axis.
        var values = new Random(3).Values(Shape, v => 0.8 + (v * 0.4));
        var x = BlockedArray.FromArray(values, Shape, ChunkSpec.Create(chunks));
        ArrayAssert.EqualNumPy(BlockedArray.CumProd(x, axis), $"np.cumprod(x, axis={axis})", [NumPyInput.Of("x", values, Shape)], relative: 1e-12);
    }

    [Fact]
    public void CumSum_Float32_MatchesNumPyWithinItsPrecision()
    {
        var values = new Random(4).Values(Shape, v => v).Select(v => (float)v).ToArray();
        var x = BlockedArray.FromArray(values, Shape, [2, 3, 5]);
        ArrayAssert.EqualNumPy(BlockedArray.CumSum(x, 0), "np.cumsum(x, axis=0)", [NumPyInput.Of("x", values, Shape)], relative: 1e-5);
    }

    [Fact]
    public void CumSum_OfAFusedChain_AndOnAnEmptyAxis()
    {
        var values = new Random(5).Values(Shape, v => v);
        var x = BlockedArray.FromArray(values, Shape, [4, 4, 4]);
        ArrayAssert.EqualNumPy(BlockedArray.CumSum((x * 2.0) + 1.0, 1), "np.cumsum(x * 2.0 + 1.0, axis=1)", [NumPyInput.Of("x", values, Shape)], relative: 1e-12);
        var empty = BlockedArray.FromArray(Array.Empty<double>(), [0, 3], [1, 2]);
        Assert.Equal([0L, 3], BlockedArray.CumSum(empty, 0).Shape);
        Assert.Contains("out of bounds", Assert.Throws<ArgumentOutOfRangeException>(() => BlockedArray.CumSum(x, 3)).Message);
    }
}

internal static class ScanTestValues
{
    public static double[] Values(this Random random, long[] shape, Func<double, double> map) =>
        [.. Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(_ => map(random.NextDouble()))];
}
