using System.Security.Cryptography;
using System.Text.Json;
using Tessera.IO.Hdf5;
using Tessera.IO.Hdf5.Writing;
using Tessera.Testing;

namespace Tessera.IO.Tests.Writing;

/// <summary>
/// Chunks filled a band of rows at a time (<see cref="Hdf5DatasetWriter{T}.BeginChunkRows"/>) and
/// the background flushes of the file being written: h5py must read exactly the values written,
/// edge chunks included, and blocks that cannot be written in bands must be refused.
/// </summary>
public sealed class Hdf5ChunkRowsTests : IDisposable
{
    private const int Rows = 23, Lat = 6, Lon = 7, ChunkRows = 5; // four whole chunks and an edge chunk of 3 rows
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tessera-h5-rows-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    private static float[] Values() => [.. Enumerable.Range(0, Rows * Lat * Lon).Select(i => (float)(Math.Sin(i * 0.37) * 40) + 273f)];

    private static string Sha256(float[] values) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())));

    private static JsonElement ReadWithH5py(string path, string dataset) => JsonDocument.Parse(PythonOracle.Run($$$"""
        import h5py, hashlib, json, numpy as np
        with h5py.File({{{JsonSerializer.Serialize(path)}}}, "r") as f:
            d = f[{{{JsonSerializer.Serialize(dataset)}}}]
            a = d[()]
            print(json.dumps({"shape": list(a.shape), "chunks": list(d.chunks),
                              "sha256": hashlib.sha256(np.ascontiguousarray(a, dtype="<f4").tobytes()).hexdigest()}))
        """)).RootElement;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void BeginChunkRows_BandsInAnyOrder_H5pyReadsTheValues(int bandRows)
    {
        var values = Values();
        var path = PathOf($"bands-{bandRows}.h5");
        using (var file = Hdf5Writer.Create(path))
        {
            var dataset = file.CreateDataset<float>("t", [Rows, Lat, Lon], new Hdf5DatasetOptions { Chunks = [ChunkRows, Lat, Lon] });
            // Chunks in reverse order, bands last first: neither order may matter.
            for (var start = (Rows - 1) / ChunkRows * ChunkRows; start >= 0; start -= ChunkRows)
            {
                var rows = Math.Min(ChunkRows, Rows - start);
                var chunk = dataset.BeginChunkRows([start, 0, 0], [rows, Lat, Lon]);
                Assert.NotNull(chunk);
                Assert.Equal(rows, chunk.Rows);
                for (var first = (rows - 1) / bandRows * bandRows; first >= 0; first -= bandRows)
                {
                    var n = Math.Min(bandRows, rows - first);
                    chunk.Write(first, values.AsSpan((start + first) * Lat * Lon, n * Lat * Lon));
                }
                chunk.Complete();
            }
        }
        var h5 = ReadWithH5py(path, "t");
        Assert.Equal([Rows, Lat, Lon], h5.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([ChunkRows, Lat, Lon], h5.GetProperty("chunks").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(Sha256(values), h5.GetProperty("sha256").GetString());
    }

    [Fact]
    public void BeginChunkRows_BlocksThatAreNotOneUnfilteredChunk_AreRefused()
    {
        using var file = Hdf5Writer.Create(PathOf("refused.h5"));
        var compressed = file.CreateDataset<float>("gz", [Rows, Lat, Lon], new Hdf5DatasetOptions { Chunks = [ChunkRows, Lat, Lon], CompressionLevel = 4 });
        Assert.Null(compressed.BeginChunkRows([0, 0, 0], [ChunkRows, Lat, Lon]));
        var contiguous = file.CreateDataset<float>("flat", [Rows, Lat, Lon]);
        Assert.Null(contiguous.BeginChunkRows([0, 0, 0], [ChunkRows, Lat, Lon]));
        var chunked = file.CreateDataset<float>("split", [Rows, Lat, Lon], new Hdf5DatasetOptions { Chunks = [ChunkRows, 3, Lon] });
        Assert.Null(chunked.BeginChunkRows([0, 0, 0], [ChunkRows, Lat, Lon])); // two chunks along axis 1
        Assert.Null(chunked.BeginChunkRows([0, 0, 0], [ChunkRows * 2, 3, Lon])); // two chunks along axis 0
        Assert.Null(chunked.BeginChunkRows([0, 0, 0], [3, 3, Lon])); // part of a chunk, not at the end
        Assert.Throws<ArgumentOutOfRangeException>(() => chunked.BeginChunkRows([Rows, 0, 0], [ChunkRows, 3, Lon]));
        var rows = chunked.BeginChunkRows([20, 3, 0], [3, 3, Lon])!; // the edge chunk
        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => rows.Write(1, new float[3 * 3 * Lon]));
        Assert.Contains("write whole rows inside the chunk", tooMany.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => rows.Write(0, new float[5])); // not whole rows
        file.Abort();
    }

    [Fact]
    public void FileSpace_FlushesInTheBackground_AndKeepsEveryByte()
    {
        var path = PathOf("space.bin");
        var expected = new byte[FileSpace.SuperblockSize + (200 * 704)];
        using (var space = new FileSpace(path, flushEveryBytes: 4096))
        {
            Parallel.For(0, 200, i =>
            {
                var bytes = Enumerable.Range(0, 700).Select(j => (byte)(i + j)).ToArray();
                var address = space.Append(bytes);
                lock (expected)
                {
                    bytes.CopyTo(expected, address);
                }
            });
            space.Finish();
            Assert.True(space.FlushesStarted > 0, "no background flush was started");
        }
        Assert.Equal(expected, File.ReadAllBytes(path));
    }
}
