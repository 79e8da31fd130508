using Tessera.IO.Zarr;

namespace Tessera.IO.Tests.Zarr;

/// <summary>Stores written by zarr-python, numcodecs and xarray read equal to what zarr-python reads from them.</summary>
public sealed class ZarrPythonReadTests(PythonZarrStores stores) : IClassFixture<PythonZarrStores>
{
    public static TheoryData<string> Compressors => new(
        "c_raw", "c_zlib", "c_gzip", "c_zstd", "c_blosc_lz4", "c_blosc_lz4_noshuffle", "c_blosc_lz4_bitshuffle", "c_blosc_lz4hc",
        "c_blosc_zstd", "c_blosc_zstd_bitshuffle", "c_blosc_zlib", "c_blosc_zlib_bitshuffle", "c_blosc_lz4_smallblocks",
        "c_blosc_lz4_bitshuffle_smallblocks");

    public static TheoryData<string> ElementTypes => new(
        [.. new[] { "float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool" }
            .SelectMany(t => new[] { "t_" + t, "bt_" + t })]);

    public static TheoryData<string> Layouts => new(
        "noise_u1", "big_i4", "big_f8", "order_f", "order_f3", "missing_f4", "missing_i2", "slash", "scalar", "xr_t2m", "xr_lat",
        "v3_gzip", "v3_blosc_big_transpose", "v3_zstd", "v3_raw_f8");

    [Theory]
    [MemberData(nameof(Compressors))]
    public void Read_EveryCompressor_MatchesZarrPython(string name) => AssertReadsAsZarrPython(name);

    [Theory]
    [MemberData(nameof(ElementTypes))]
    public void Read_EveryElementType_ByteAndBitShuffled_MatchesZarrPython(string name) => AssertReadsAsZarrPython(name);

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Read_ByteOrderOrderMissingChunksAndV3_MatchesZarrPython(string name) => AssertReadsAsZarrPython(name);

    [Fact]
    public void ReadInto_RegionAcrossChunks_MatchesTheWholeArraysSlice()
    {
        var array = ZarrArray.Open(stores.StoreOf("c_blosc_lz4"), "");
        var whole = array.Read<float>();
        var region = new float[13 * 20];
        array.ReadInto<float>([7, 30], [13, 20], region);
        for (var r = 0; r < 13; r++)
        {
            Assert.Equal(whole.AsSpan((7 + r) * 53 + 30, 20).ToArray(), region.AsSpan(r * 20, 20).ToArray());
        }
    }

    [Fact]
    public void Open_XarrayStore_ReadsDimensionNamesAttributesAndConsolidatedMetadata()
    {
        var store = stores.StoreOf("xr_t2m");
        var t2m = ZarrArray.Open(store, "t2m");
        Assert.Equal(["time", "lat", "lon"], t2m.DimensionNames);
        Assert.Equal("K", t2m.Attributes["units"]!.GetValue<string>());
        Assert.Equal([2L, 5, 4], t2m.ChunkShape);
        Assert.Equal(["lat"], ZarrArray.Open(store, "lat").DimensionNames);
        Assert.Equal(["lat", "lon", "t2m"], ZarrArray.List(store));
        Assert.True(File.Exists(Path.Combine(store, ".zmetadata")));
    }

    [Fact]
    public void Open_V3Store_ReadsDimensionNamesAndAttributes()
    {
        var array = ZarrArray.Open(stores.StoreOf("v3_gzip"), "/");
        Assert.Equal(3, array.FormatVersion);
        Assert.Equal(["y", "x"], array.DimensionNames);
        Assert.Equal("hand-built", array.Attributes["note"]!.GetValue<string>());
        Assert.Equal("gzip", array.Compressor);
    }

    [Fact]
    public void Read_BloscLz_IsNotSupported_NamingTheCodecAndTheFix()
    {
        var array = ZarrArray.Open(stores.StoreOf("blosc_blosclz"), "");
        var error = Assert.Throws<NotSupportedException>(() => array.Read<float>());
        Assert.Contains("blosclz", error.Message);
        Assert.Contains("cname='lz4'", error.Message);
    }

    [Fact]
    public void Read_AsTheWrongType_NamesBothTypes()
    {
        var array = ZarrArray.Open(stores.StoreOf("t_int16"), "");
        var error = Assert.Throws<ArgumentException>(() => array.Read<float>());
        Assert.Contains("int16", error.Message);
        Assert.Contains("Int16", error.Message);
    }

    [Fact]
    public void Open_MissingArray_ListsTheStoresArrays()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => ZarrArray.Open(stores.StoreOf("xr_t2m"), "temperature"));
        Assert.Contains("t2m", error.Message);
        Assert.Contains("lat", error.Message);
    }

    [Fact]
    public void Read_TruncatedBloscChunk_ThrowsFormatErrorNamingTheChunk()
    {
        var copy = Path.Combine(stores.Directory, "truncated");
        CopyDirectory(stores.StoreOf("c_blosc_lz4"), copy);
        var chunk = Path.Combine(copy, "1.2");
        var bytes = File.ReadAllBytes(chunk);
        File.WriteAllBytes(chunk, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<ZarrFormatException>(() => ZarrArray.Open(copy, "").Read<float>());
        Assert.Equal("1.2", error.Key);
    }

    private void AssertReadsAsZarrPython(string name)
    {
        var array = ZarrArray.Open(stores.StoreOf(name), stores.ArrayOf(name));
        var entry = stores.Manifest.GetProperty(name);
        Assert.Equal(entry.GetProperty("dtype").GetString(), array.DType.NumPyName());
        Assert.Equal(entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()), array.Shape);
        Assert.Equal(entry.GetProperty("chunks").EnumerateArray().Select(e => e.GetInt64()), array.ChunkShape);
        ZarrValues.AssertEqual(array.DType, stores.Expected(name), ZarrValues.ReadBytes(array), name);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
