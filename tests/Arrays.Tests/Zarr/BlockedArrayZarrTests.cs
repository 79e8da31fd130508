using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Arrays;
using Tessera.IO.Zarr;
using Tessera.Testing;

namespace Tessera.Arrays.Tests.Zarr;

/// <summary>FromZarr and ToZarr against zarr-python and xarray: chunks map to blocks, values and dimensions survive both ways.</summary>
public sealed class BlockedArrayZarrTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tessera-arrays-zarr-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    [Fact]
    public void FromZarr_ZarrPythonBloscStore_BlocksAreChunksAndValuesMatch()
    {
        var path = PathOf("py.zarr");
        PythonOracle.Run($$$"""
            import zarr, numpy as np
            root = zarr.open_group({{{JsonSerializer.Serialize(path)}}}, mode="w")
            root.create_dataset("t", data=np.arange(73 * 75, dtype="<f4").reshape(73, 75) * 0.5, chunks=(10, 16))
            root.create_dataset("i", data=np.arange(100, dtype="<i2") - 50, chunks=(30,), compressor=zarr.Zstd(3))
            zarr.consolidate_metadata({{{JsonSerializer.Serialize(path)}}})
            """);
        var x = BlockedArray.FromZarr<float>(path, "t");
        Assert.Equal([73L, 75L], x.Shape);
        Assert.Equal([10L, 10, 10, 10, 10, 10, 10, 3], x.Chunks.Chunks[0]);
        Assert.Equal([16L, 16, 16, 16, 11], x.Chunks.Chunks[1]);
        ArrayAssert.Equal([.. Enumerable.Range(0, 73 * 75).Select(i => i * 0.5f)], x);
        var coarse = BlockedArray.FromZarr<float>(path, "t", [25, 40]);
        Assert.Equal([25L, 25, 23], coarse.Chunks.Chunks[0]);
        Assert.Equal(((73.0 * 75) - 1) / 4, coarse.Mean().Compute(), 1e-3);
        ArrayAssert.Equal([.. Enumerable.Range(0, 100).Select(i => (short)(i - 50))], BlockedArray.FromZarr<short>(path, "i"));
        var error = Assert.Throws<ArgumentException>(() => BlockedArray.FromZarr<double>(path, "i"));
        Assert.Contains("FromZarr<Int16>", error.Message);
    }

    [Fact]
    public void ToZarr_AnomaliesOpenInXarray_WithDimensionsAttributesAndBlocksAsChunks()
    {
        var path = PathOf("out.zarr");
        var values = Enumerable.Range(0, 12 * 5 * 7).Select(i => (float)(i % 17 + i / 35)).ToArray();
        var x = BlockedArray.FromArray(values, [12, 5, 7], [4, 5, 4]);
        var anomaly = x - x.Mean(0, keepDims: true);
        anomaly.ToZarr(path, "anomaly", new ZarrWriteOptions
        {
            DimensionNames = ["time", "lat", "lon"],
            Attributes = new JsonObject { ["units"] = "K" },
        });
        // An irregular grid is made regular; explicit chunks rechunk; a v3 copy for our own round trip.
        BlockedArray.FromArray(values, [12, 5, 7], ChunkSpec.Explicit([3, 6, 3], [5], [7])).ToZarr(path, "irregular",
            new ZarrWriteOptions { DimensionNames = ["time", "lat", "lon"] });
        x.ToZarr(path, "rechunked", new ZarrWriteOptions { Chunks = [6, 5, 7], Compressor = ZarrCompressor.Zstd(), DimensionNames = ["time", "lat", "lon"] });
        x.ToZarr(PathOf("v3.zarr"), "x", new ZarrWriteOptions { FormatVersion = 3, DimensionNames = ["time", "lat", "lon"] });

        Assert.Equal([4L, 5, 4], ZarrArray.Open(path, "anomaly").ChunkShape);
        Assert.Equal([3L, 5, 7], ZarrArray.Open(path, "irregular").ChunkShape);
        ArrayAssert.Equal(anomaly.Compute().ToArray(), BlockedArray.FromZarr<float>(path, "anomaly"), relative: 1e-6);
        ArrayAssert.Equal(values, BlockedArray.FromZarr<float>(PathOf("v3.zarr"), "x"));
        var report = JsonDocument.Parse(PythonOracle.Run($$$"""
            import json, numpy as np, xarray as xr
            values = np.array({{{JsonSerializer.Serialize(values)}}}, dtype="f4").reshape(12, 5, 7)
            ds = xr.open_zarr({{{JsonSerializer.Serialize(path)}}})
            out = {}
            a = ds["anomaly"]
            out["dims"] = list(a.dims)
            out["units"] = a.attrs.get("units")
            out["chunks"] = [list(c) for c in a.chunks]
            out["anomaly"] = bool(np.allclose(a.values, values - values.mean(axis=0, keepdims=True), atol=1e-5))
            out["irregular"] = bool(np.array_equal(ds["irregular"].values, values))
            out["rechunked"] = bool(np.array_equal(ds["rechunked"].values, values))
            out["rechunked_chunks"] = [list(c) for c in ds["rechunked"].chunks]
            print(json.dumps(out))
            """)).RootElement;
        Assert.Equal(["time", "lat", "lon"], report.GetProperty("dims").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("K", report.GetProperty("units").GetString());
        Assert.Equal("[[4,4,4],[5],[4,3]]", report.GetProperty("chunks").GetRawText().Replace(" ", "", StringComparison.Ordinal));
        Assert.True(report.GetProperty("anomaly").GetBoolean(), "xarray reads the anomalies Tessera computed");
        Assert.True(report.GetProperty("irregular").GetBoolean());
        Assert.True(report.GetProperty("rechunked").GetBoolean());
        Assert.Equal("[[6,6],[5],[7]]", report.GetProperty("rechunked_chunks").GetRawText().Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void ToZarr_FailingComputation_LeavesNoArrayBehind()
    {
        var path = PathOf("failed.zarr");
        var bad = BlockedArray.FromFunction<float>([8], [4], (index, shape) =>
            index[0] == 1 ? throw new InvalidOperationException("boom") : System.Numerics.Tensors.Tensor.Create(new float[4], [4]));
        Assert.ThrowsAny<Exception>(() => bad.ToZarr(path, "x"));
        Assert.False(Directory.Exists(Path.Combine(path, "x")));
    }
}
