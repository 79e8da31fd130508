using Tessera.IO.Hdf5;

namespace Tessera.IO.Tests.Hdf5.Corpus;

/// <summary>
/// Reading with the wrong element type names a type that works for every readable stored type,
/// and says plainly when no CLR type reads one.
/// </summary>
[Collection(CorpusFilesCollection.Name)]
public sealed class TypeAdviceTests(CorpusFiles corpus)
{
    [Theory]
    [InlineData("/float/f2le", "Half")]
    [InlineData("/float/f16_longdouble", "double")]
    [InlineData("/bitfield/b16", "ushort")]
    [InlineData("/bitfield/b64", "ulong")]
    [InlineData("/enum/i1", "sbyte")]
    [InlineData("/enum/u2be", "ushort")]
    [InlineData("/nbit/i8be_p40_o8", "long")]
    public void WrongElementType_NamesTheTypeThatReads(string path, string works)
    {
        using var file = Hdf5File.Open(corpus.PathOf("h5py_latest.h5"));
        var ds = file.Dataset(path);
        var ex = Assert.Throws<InvalidOperationException>(() => ds.Read<int>());
        Assert.Contains($"Call Read<{works}>() instead.", ex.Message);
        Assert.DoesNotContain("no matching", ex.Message);
    }

    [Fact]
    public void LongDouble_IsNamedFloat128_AndReadsAsRoundedDouble()
    {
        using var file = Hdf5File.Open(corpus.PathOf("h5py_earliest.h5"));
        var ds = file.Dataset("/float/f16_longdouble");
        Assert.Equal("float128 (little-endian)", ds.ElementType.ToString());
        var values = TensorAssert.Flatten(ds.Read<double>());
        // The file's first row holds 1/3, 1e-320 (a double subnormal), 1e4000 and -1e-4000.
        Assert.Equal(1.0 / 3.0, values[0]);
        Assert.Equal(1e-320, values[1]);
        Assert.Equal(double.PositiveInfinity, values[2]);
        Assert.True(values[3] == 0 && double.IsNegative(values[3]));
    }

    [Fact]
    public void Opaque_SaysNoClrTypeReadsIt()
    {
        using var file = Hdf5File.Open(corpus.PathOf("h5py_latest.h5"));
        var ex = Assert.Throws<InvalidOperationException>(() => file.Dataset("/other/opaque_v4").Read<int>());
        Assert.Contains("No CLR element type reads Opaque of 4 bytes", ex.Message);
    }

    [Fact]
    public void PackedIntegers_ReportTheirStorageSize_AndReadSignExtended()
    {
        using var file = Hdf5File.Open(corpus.PathOf("h5py_v108.h5"));
        var ds = file.Dataset("/nbit/i4_p12");
        Assert.Equal(NbitFilterId, Assert.Single(ds.Filters).Id);
        var values = TensorAssert.Flatten(ds.Read<int>());
        Assert.Contains(values, v => v < 0);
        Assert.All(values, v => Assert.InRange(v, -2048, 2047));
    }

    private const int NbitFilterId = 5;
}
