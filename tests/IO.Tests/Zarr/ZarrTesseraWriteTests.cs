using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Tessera.IO.Zarr;

namespace Tessera.IO.Tests.Zarr;

/// <summary>Stores Tessera writes open in zarr-python and xarray with equal values, and read back equal in Tessera (v2 and v3).</summary>
public sealed class ZarrTesseraWriteTests(TesseraZarrStores stores) : IClassFixture<TesseraZarrStores>
{
    public static TheoryData<string> Cases => new(
        [.. TesseraZarrStores.Compressors.Select(c => "c_" + c.Name),
         "t_float16", "t_float32", "t_float64", "t_int8", "t_int16", "t_int32", "t_int64", "t_uint8", "t_uint16", "t_uint32", "t_uint64", "t_bool",
         "bits_int32", "slash", "xr_t2m", "xr_lat", "xr_lon", "grouped"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Write_OpensInZarrPythonAndXarray_WithEqualValues(string name) =>
        Assert.Equal("ok", stores.Results.GetProperty(name).GetString());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Write_ReadsBackEqualInTessera(string name)
    {
        var (store, array) = name switch
        {
            "xr_t2m" => ("xr", "t2m"),
            "xr_lat" => ("xr", "lat"),
            "xr_lon" => ("xr", "lon"),
            "grouped" => ("groups", "surface/t2m"),
            _ => (name, ""),
        };
        var read = ZarrArray.Open(Path.Combine(stores.Directory, store), array);
        ZarrValues.AssertEqual(read.DType, File.ReadAllBytes(Path.Combine(stores.Directory, name + ".bin")), ZarrValues.ReadBytes(read), name);
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("gzip")]
    [InlineData("zstd")]
    [InlineData("blosc")]
    public void WriteV3_RoundTripsWithDimensionNamesAndMissingChunksAsFill(string compressor)
    {
        var directory = Path.Combine(stores.Directory, "v3_" + compressor);
        var values = Enumerable.Range(0, 9 * 11).Select(i => (short)(i * 3 - 100)).ToArray();
        var writer = ZarrArrayWriter.Create(directory, "a/b", [9, 11], DType.Int16, new ZarrWriteOptions
        {
            FormatVersion = 3,
            Chunks = [4, 4],
            FillValue = -1,
            DimensionNames = ["y", "x"],
            Attributes = new JsonObject { ["units"] = "counts" },
            Compressor = compressor switch
            {
                "raw" => ZarrCompressor.None,
                "gzip" => ZarrCompressor.Gzip(),
                "zstd" => ZarrCompressor.Zstd(),
                _ => ZarrCompressor.Blosc("lz4", 5, ZarrBloscShuffle.Bit),
            },
        });
        // Rows 0..7 only: the last row of chunks stays unwritten and must read as the fill value.
        writer.WriteBlock<short>([0, 0], [8, 11], values.AsSpan(0, 8 * 11));
        writer.Complete();
        Assert.True(File.Exists(Path.Combine(directory, "a", "b", "c", "1", "2")), "v3 default chunk keys are c/i/j");
        Assert.True(File.Exists(Path.Combine(directory, "zarr.json")) && File.Exists(Path.Combine(directory, "a", "zarr.json")), "groups above the array");
        var read = ZarrArray.Open(directory, "a/b");
        Assert.Equal(3, read.FormatVersion);
        Assert.Equal(["y", "x"], read.DimensionNames);
        Assert.Equal("counts", read.Attributes["units"]!.GetValue<string>());
        var expected = values.Select((v, i) => i < 8 * 11 ? v : (short)-1).ToArray();
        Assert.Equal(expected, read.Read<short>());
    }

    [Fact]
    public void WriteBlock_NotCoveringWholeChunks_SaysToRechunk()
    {
        var writer = ZarrArrayWriter.Create(Path.Combine(stores.Directory, "misaligned"), "", [10], DType.Float32,
            new ZarrWriteOptions { Chunks = [4] });
        var error = Assert.Throws<ArgumentException>(() => writer.WriteBlock<float>([2], [4], new float[4]));
        Assert.Contains("rechunk", error.Message);
    }

    [Fact]
    public void Create_ZlibInV3_SaysToUseGzip()
    {
        var error = Assert.Throws<ArgumentException>(() => ZarrArrayWriter.Create(Path.Combine(stores.Directory, "v3zlib"), "", [10], DType.Float32,
            new ZarrWriteOptions { FormatVersion = 3, Compressor = ZarrCompressor.Zlib() }));
        Assert.Contains("Gzip", error.Message);
    }

    [Fact]
    public void Rewrite_ReplacesTheOldArraysChunks()
    {
        var directory = Path.Combine(stores.Directory, "rewrite");
        var big = ZarrArrayWriter.Create(directory, "x", [8], DType.Int32, new ZarrWriteOptions { Chunks = [2] });
        big.WriteBlock<int>([0], [8], [1, 2, 3, 4, 5, 6, 7, 8]);
        var small = ZarrArrayWriter.Create(directory, "x", [4], DType.Int32, new ZarrWriteOptions { Chunks = [2] });
        small.WriteBlock<int>([0], [4], [9, 9, 9, 9]);
        Assert.False(File.Exists(Path.Combine(directory, "x", "3")));
        Assert.Equal([9, 9, 9, 9], ZarrArray.Open(directory, "x").Read<int>());
    }

    [Fact]
    public void Blosc_RoundTripsEveryTypeSizeShuffleAndTailLength()
    {
        var random = new Random(26);
        foreach (var typeSize in new[] { 1, 2, 3, 4, 8, 16, 17 })
        {
            foreach (var length in new[] { 0, 1, 7, 733, 4096, 70_001 })
            {
                var data = new byte[length * typeSize];
                for (var i = 0; i < data.Length; i++)
                {
                    data[i] = (byte)(i % typeSize == 0 ? random.Next(4) : i / typeSize % 251);
                }
                foreach (var cname in new[] { "lz4", "zstd", "zlib" })
                {
                    foreach (var shuffle in new[] { ZarrBloscShuffle.None, ZarrBloscShuffle.Byte, ZarrBloscShuffle.Bit })
                    {
                        var codec = ZarrCompressor.Blosc(cname, 5, shuffle).Codec!;
                        var frame = codec.Encode(data, typeSize, out var frameLength);
                        var back = new byte[data.Length];
                        codec.Decode(new ArraySegment<byte>(frame, 0, frameLength), back, "test");
                        Assert.True(data.AsSpan().SequenceEqual(back), $"{cname} {shuffle} type size {typeSize}, {length} elements");
                    }
                }
            }
        }
    }

    [Fact]
    public void Blosc_CorruptFrames_ThrowFormatErrorsNotIndexErrors()
    {
        var data = MemoryMarshal.AsBytes(Enumerable.Range(0, 5000).ToArray().AsSpan()).ToArray();
        var rented = ZarrCompressor.Blosc().Codec!.Encode(data, 4, out var frameLength);
        var frame = rented[..frameLength];
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var bad = (byte[])frame.Clone();
            var cut = random.Next(2) == 0;
            if (cut)
            {
                bad = bad[..random.Next(bad.Length)];
            }
            else
            {
                bad[random.Next(Math.Min(bad.Length, 64))] ^= (byte)(1 << random.Next(8));
            }
            try
            {
                ZarrCompressor.Blosc().Codec!.Decode(bad, new byte[data.Length], "0.0");
            }
            catch (Exception e) when (e is ZarrFormatException or NotSupportedException)
            {
            }
        }
    }
}
