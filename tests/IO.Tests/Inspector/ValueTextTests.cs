using Tessera.Tools.H5Inspect;

namespace Tessera.IO.Tests.Inspector;

public sealed class ValueTextTests
{
    [Theory]
    [InlineData(new long[] { }, "scalar")]
    [InlineData(new long[] { 7 }, "(7)")]
    [InlineData(new long[] { -1, 20000 }, "(unlimited, 20000)")]
    public void Shape_FormatsAxesAndUnlimited(long[] shape, string expected) => Assert.Equal(expected, ValueText.Shape(shape));

    [Fact]
    public void Value_ArrayAtTheLimit_IsNotCut() =>
        Assert.Equal("[1, 2, 3, 4, 5, 6]", ValueText.Value(new long[] { 1, 2, 3, 4, 5, 6 }));

    [Fact]
    public void Value_ArrayPastTheLimit_ShowsCount() =>
        Assert.Equal("[\"a\", \"b\", \"c\", \"d\", \"e\", \"f\", ... (7 values)]", ValueText.Value(new[] { "a", "b", "c", "d", "e", "f", "g" }));

    [Fact]
    public void Value_Doubles_RoundTripInvariantCulture() =>
        Assert.Equal("[-999.9, 1E+300]", ValueText.Value(new[] { -999.9, 1e300 }));

    [Fact]
    public void Value_RawBytesAndNull_AreDescribed()
    {
        Assert.Equal("<12 bytes>", ValueText.Value(new byte[12]));
        Assert.Equal("null", ValueText.Value(null));
    }

    [Fact]
    public void Filter_KnownAndPluginFilters()
    {
        Assert.Equal("deflate(level 9)", ValueText.Filter(new(1, "deflate", [9], false)));
        Assert.Equal("fletcher32", ValueText.Filter(new(3, "fletcher32", [], true)));
        Assert.Equal("blosc(2, 2, 8)", ValueText.Filter(new(32001, "blosc", [2, 2, 8], true)));
    }
}
