using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.IO.Zarr;
using Tessera.Testing;

namespace Tessera.IO.Tests.Zarr;

/// <summary>
/// Stores Tessera writes once per test class (every compressor, every element type, uneven edge
/// chunks, groups, xarray dimensions), then opened by zarr-python and xarray in one oracle call.
/// </summary>
public sealed class TesseraZarrStores : IDisposable
{
    private readonly JsonObject _cases = [];

    public TesseraZarrStores()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("tessera-zarr-cs-").FullName;
        var field = Enumerable.Range(0, 37 * 53).Select(i => (float)Math.Round(Math.Sin(i / 40.0) * 100 + (i % 7), 2)).ToArray();
        foreach (var (name, compressor, id) in Compressors)
        {
            Write("c_" + name, "c_" + name, "", field, [37, 53], [10, 16], new ZarrWriteOptions { Compressor = compressor }, id);
        }
        var ramp = Enumerable.Range(0, 733).Select(i => i - 300).ToArray();
        Write("t_float16", "t_float16", "", [.. ramp.Select(i => (Half)(i * 0.25))], [733], [100]);
        Write("t_float32", "t_float32", "", [.. ramp.Select(i => i * 0.25f)], [733], [100]);
        Write("t_float64", "t_float64", "", [.. ramp.Select(i => i * 0.25)], [733], [100]);
        Write("t_int8", "t_int8", "", [.. ramp.Select(i => (sbyte)(i % 100))], [733], [100]);
        Write("t_int16", "t_int16", "", [.. ramp.Select(i => (short)(i * 37))], [733], [100]);
        Write("t_int32", "t_int32", "", [.. ramp.Select(i => i * 100_003)], [733], [100]);
        Write("t_int64", "t_int64", "", [.. ramp.Select(i => i * 10_000_000_019L)], [733], [100]);
        Write("t_uint8", "t_uint8", "", [.. ramp.Select(i => (byte)(i & 0xFF))], [733], [100]);
        Write("t_uint16", "t_uint16", "", [.. ramp.Select(i => (ushort)(i * 97))], [733], [100]);
        Write("t_uint32", "t_uint32", "", [.. ramp.Select(i => (uint)i * 2_654_435_761u)], [733], [100]);
        Write("t_uint64", "t_uint64", "", [.. ramp.Select(i => (ulong)i * 0x9E3779B97F4A7C15UL)], [733], [100]);
        Write("t_bool", "t_bool", "", [.. ramp.Select(i => i % 3 == 0)], [733], [100]);
        Write("bits_int32", "bits_int32", "", [.. ramp.Select(i => i * 3)], [733], [128],
            new ZarrWriteOptions { Compressor = ZarrCompressor.Blosc("zstd", 3, ZarrBloscShuffle.Bit) }, "blosc-zstd");
        Write("slash", "slash", "", field, [37, 53], [16, 16], new ZarrWriteOptions { DimensionSeparator = '/' });
        var t2m = Enumerable.Range(0, 6 * 5 * 8).Select(i => 250f + i % 41).ToArray();
        var attributes = new JsonObject { ["units"] = "K", ["long_name"] = "2 metre temperature" };
        Write("xr_t2m", "xr", "t2m", t2m, [6, 5, 8], [2, 5, 4], new ZarrWriteOptions
        {
            DimensionNames = ["time", "lat", "lon"],
            Attributes = attributes,
        }, dims: ["time", "lat", "lon"], attrs: attributes);
        Write("xr_lat", "xr", "lat", [-60.0, -30, 0, 30, 60], [5], [5], new ZarrWriteOptions { DimensionNames = ["lat"] }, dims: ["lat"]);
        Write("xr_lon", "xr", "lon", [.. Enumerable.Range(0, 8).Select(i => i * 45.0)], [8], [8], new ZarrWriteOptions { DimensionNames = ["lon"] }, dims: ["lon"]);
        Write("grouped", "groups", "surface/t2m", t2m, [6, 5, 8], [4, 4, 4]);
        File.WriteAllText(Path.Combine(Directory, "cases.json"), _cases.ToJsonString());
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Zarr", "Scripts", "check_zarr.py")).Replace("@OUT@", Directory);
        Results = JsonDocument.Parse(PythonOracle.Run(script)).RootElement;
    }

    public static IEnumerable<(string Name, ZarrCompressor Compressor, string Id)> Compressors =>
    [
        ("raw", ZarrCompressor.None, "none"),
        ("zlib", ZarrCompressor.Zlib(), "zlib"),
        ("gzip", ZarrCompressor.Gzip(), "gzip"),
        ("zstd", ZarrCompressor.Zstd(), "zstd"),
        ("blosc_lz4", ZarrCompressor.Blosc(), "blosc-lz4"),
        ("blosc_lz4_noshuffle", ZarrCompressor.Blosc("lz4", 5, ZarrBloscShuffle.None), "blosc-lz4"),
        ("blosc_lz4_bitshuffle", ZarrCompressor.Blosc("lz4", 5, ZarrBloscShuffle.Bit), "blosc-lz4"),
        ("blosc_lz4hc", ZarrCompressor.Blosc("lz4hc", 9), "blosc-lz4hc"),
        ("blosc_zstd", ZarrCompressor.Blosc("zstd", 3), "blosc-zstd"),
        ("blosc_zstd_bitshuffle", ZarrCompressor.Blosc("zstd", 3, ZarrBloscShuffle.Bit), "blosc-zstd"),
        ("blosc_zlib", ZarrCompressor.Blosc("zlib", 5), "blosc-zlib"),
        ("blosc_zlib_bitshuffle", ZarrCompressor.Blosc("zlib", 5, ZarrBloscShuffle.Bit), "blosc-zlib"),
    ];

    public string Directory { get; }

    /// <summary>What zarr-python and xarray said of each case: "ok" or the differences.</summary>
    public JsonElement Results { get; }

    private void Write<T>(string name, string store, string array, T[] values, long[] shape, long[] chunks,
        ZarrWriteOptions? options = null, string compressor = "blosc-lz4", string[]? dims = null, JsonObject? attrs = null)
        where T : unmanaged
    {
        options = (options ?? new ZarrWriteOptions()) with { Chunks = chunks };
        var writer = ZarrArrayWriter.Create(Path.Combine(Directory, store), array, shape, DTypes.Of<T>(), options);
        // Blocks of two chunks along the first axis, the last one short: what a blocked array hands over.
        var rowLength = shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        for (long row = 0; row < shape[0]; row += 2 * chunks[0])
        {
            var rows = Math.Min(2 * chunks[0], shape[0] - row);
            writer.WriteBlock<T>([row, .. new long[shape.Length - 1]], [rows, .. shape.Skip(1)],
                values.AsSpan((int)(row * rowLength), (int)(rows * rowLength)));
        }
        writer.Complete();
        File.WriteAllBytes(Path.Combine(Directory, name + ".bin"), MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        _cases[name] = new JsonObject
        {
            ["store"] = store,
            ["array"] = array,
            ["dtype"] = DTypes.Of<T>().NumPyName(),
            ["shape"] = new JsonArray([.. shape.Select(s => JsonValue.Create(s))]),
            ["chunks"] = new JsonArray([.. chunks.Select(s => JsonValue.Create(s))]),
            ["compressor"] = compressor,
            ["dims"] = dims is null ? null : new JsonArray([.. dims.Select(d => JsonValue.Create(d))]),
            ["attrs"] = attrs?.DeepClone(),
        };
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
