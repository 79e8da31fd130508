using Tessera.Arrays;

namespace Tessera.Arrays.Tests;

public class BlockedArraySequenceTests
{
    [Theory]
    [InlineData(0.0, 1.0, 50, true, 7)]
    [InlineData(-3.3, 17.1, 733, true, 100)]
    [InlineData(-3.3, 17.1, 733, false, 64)]
    [InlineData(1e-3, 1e3, 11, true, 4)]
    [InlineData(5.0, 5.0, 9, true, 2)]
    [InlineData(2.0, -2.0, 1, true, 1)]
    [InlineData(2.0, -2.0, 1, false, 1)]
    [InlineData(0.1, 0.7, 2, true, 1)]
    public void Linspace_Double_IsNumPyBitForBit(double start, double stop, long num, bool endpoint, long chunk)
    {
        BlockedArray<double> Build() => BlockedArray.Linspace<double>(start, stop, num, endpoint, [chunk]);
        ArrayAssert.EqualNumPy(Build(), $"np.linspace({R(start)}, {R(stop)}, {num}, endpoint={(endpoint ? "True" : "False")})", [],
            Build, relative: 0);
    }

    [Theory]
    [InlineData(-1.7, 2.3, 101, true, 30)]
    [InlineData(0.0, 1.0, 10, false, 3)]
    public void Linspace_FloatAndInt_MatchNumPy(double start, double stop, long num, bool endpoint, long chunk)
    {
        var flag = endpoint ? "True" : "False";
        ArrayAssert.EqualNumPy(BlockedArray.Linspace<float>(start, stop, num, endpoint, [chunk]),
            $"np.linspace({R(start)}, {R(stop)}, {num}, endpoint={flag}, dtype=np.float32)", [], relative: 0);
        ArrayAssert.EqualNumPy(BlockedArray.Linspace<long>(start * 10, stop * 10, num, endpoint, [chunk]),
            $"np.linspace({R(start * 10)}, {R(stop * 10)}, {num}, endpoint={flag}, dtype=np.int64)", [], relative: 0);
    }

    [Fact]
    public void Linspace_NegativeCount_IsAnError()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BlockedArray.Linspace<double>(0, 1, -1));
        Assert.Contains("Number of samples, -1, must be non-negative", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, null, 0, 3)]
    [InlineData(7, 10L, 2, 4)]
    [InlineData(9, 5L, -3, 2)]
    [InlineData(4, 6L, 7, 5)]
    public void Eye_MatchesNumPy(long n, long? m, long k, long chunk)
    {
        var columns = m is null ? "None" : m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        BlockedArray<double> Build() => BlockedArray.Eye<double>(n, m, k, [chunk, chunk]);
        ArrayAssert.EqualNumPy(Build(), $"np.eye({n}, {columns}, k={k})", [], Build, relative: 0);
        ArrayAssert.EqualNumPy(BlockedArray.Eye<float>(n, m, k, [chunk, chunk + 1]), $"np.eye({n}, {columns}, k={k}, dtype=np.float32)", [],
            relative: 0);
    }

    [Fact]
    public void Empty_HasShapeChunksAndType()
    {
        var x = BlockedArray.Empty<float>([5, 3], [2, 2]);
        Assert.Equal(new ChunkGrid([[2, 2, 1], [2, 1]]), x.Chunks);
        Assert.Equal(DType.Float32, x.DType);
        Assert.Equal(15, x.Compute().FlattenedLength);
        ArrayAssert.EqualNumPy(BlockedArray.Empty<double>([4, 0], [2, 1]), "np.empty((4, 0))", []);
    }

    private static string R(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
