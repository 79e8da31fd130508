using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Tessera.IO.Hdf5;
using Tessera.Testing;

namespace Tessera.IO.Tests.Writing;

/// <summary>
/// Files written here are read back by h5py and h5dump (Debian's python3-h5py, hdf5-tools):
/// values compared exactly through SHA-256 of the raw little-endian bytes.
/// </summary>
public sealed class Hdf5WriterTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tessera-h5w-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    private static double[] Doubles(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (random.NextDouble() * 200) - 100).ToArray();
    }

    private static string Sha256<T>(T[] values) where T : unmanaged =>
        Convert.ToHexStringLower(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())));

    /// <summary>Reads every dataset and attribute with h5py and returns them as JSON.</summary>
    private static JsonElement ReadWithH5py(string path)
    {
        var script = $$$"""
            import h5py, hashlib, json, numpy as np
            out = {"datasets": {}, "attrs": {}}
            def visit(name, obj):
                for k, v in obj.attrs.items():
                    out["attrs"][f"{obj.name}@{k}"] = v.tolist() if hasattr(v, "tolist") else v
                if isinstance(obj, h5py.Dataset):
                    a = obj[()]
                    out["datasets"][obj.name] = {"shape": list(a.shape), "dtype": a.dtype.str,
                        "sha256": hashlib.sha256(np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tobytes()).hexdigest(),
                        "chunks": list(obj.chunks) if obj.chunks else None,
                        "compression": obj.compression, "shuffle": obj.shuffle,
                        "fill": obj.fillvalue.item()}
            with h5py.File({{{JsonSerializer.Serialize(path)}}}, "r") as f:
                visit("/", f)
                f.visititems(visit)
            print(json.dumps(out))
            """;
        return JsonDocument.Parse(PythonOracle.Run(script)).RootElement;
    }

    [Fact]
    public void Write_ContiguousAndChunkedDatasets_H5pyReadsThemExactly()
    {
        var path = PathOf("mixed.h5");
        var temperature = Doubles(733 * 735, 1);
        var pressure = Doubles(733 * 735, 2).Select(v => (float)v).ToArray();
        var counts = Enumerable.Range(0, 1000).Select(i => (short)(i - 500)).ToArray();
        using (var file = Hdf5Writer.Create(path))
        {
            file.CreateDataset<double>("temperature", [733, 735]).Write(temperature);
            var p = file.CreateDataset<float>("climate/pressure", [733, 735],
                new Hdf5DatasetOptions { Chunks = [100, 128], CompressionLevel = 4, Shuffle = true });
            p.Write(pressure);
            file.CreateDataset<short>("climate/counts", [10, 100], new Hdf5DatasetOptions { Chunks = [3, 64] }).Write(counts);
        }

        var h5 = ReadWithH5py(path);
        var datasets = h5.GetProperty("datasets");
        var t = datasets.GetProperty("/temperature");
        Assert.Equal("<f8", t.GetProperty("dtype").GetString());
        Assert.Equal([733, 735], t.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(Sha256(temperature), t.GetProperty("sha256").GetString());
        var pr = datasets.GetProperty("/climate/pressure");
        Assert.Equal(Sha256(pressure), pr.GetProperty("sha256").GetString());
        Assert.Equal("gzip", pr.GetProperty("compression").GetString());
        Assert.True(pr.GetProperty("shuffle").GetBoolean());
        Assert.Equal([100, 128], pr.GetProperty("chunks").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(Sha256(counts), datasets.GetProperty("/climate/counts").GetProperty("sha256").GetString());
    }

    [Fact]
    public void Write_ManyChunks_BuildsAMultiLevelIndexH5pyReads()
    {
        // 40 × 40 chunks = 1600 chunks: more than one B-tree node of 64 children.
        var path = PathOf("many.h5");
        var values = Enumerable.Range(0, 400 * 400).Select(i => (long)i * 3).ToArray();
        using (var file = Hdf5Writer.Create(path))
        {
            var d = file.CreateDataset<long>("grid", [400, 400], new Hdf5DatasetOptions { Chunks = [10, 10], CompressionLevel = 1 });
            // Blocks of 4 × 4 chunks, written out of order, as a scheduler would.
            var blocks = (from i in Enumerable.Range(0, 10) from j in Enumerable.Range(0, 10) select (i, j)).Reverse();
            Parallel.ForEach(blocks, b =>
            {
                var block = new long[40 * 40];
                for (var r = 0; r < 40; r++)
                {
                    Array.Copy(values, ((b.i * 40) + r) * 400 + (b.j * 40), block, r * 40, 40);
                }
                d.WriteBlock([b.i * 40, b.j * 40], [40, 40], block);
            });
        }
        var grid = ReadWithH5py(path).GetProperty("datasets").GetProperty("/grid");
        Assert.Equal(Sha256(values), grid.GetProperty("sha256").GetString());
    }

    [Fact]
    public void Write_UnwrittenChunks_ReadAsTheFillValue()
    {
        var path = PathOf("fill.h5");
        using (var file = Hdf5Writer.Create(path))
        {
            var d = file.CreateDataset<int>("sparse", [4, 6], new Hdf5DatasetOptions { Chunks = [2, 3] }, fillValue: -7);
            d.WriteBlock([0, 3], [2, 3], [1, 2, 3, 4, 5, 6]);
            file.CreateDataset<int>("empty", [5], new Hdf5DatasetOptions { Chunks = [2] }, fillValue: 42);
        }
        var expected = new int[24];
        Array.Fill(expected, -7);
        int[] written = [1, 2, 3, 4, 5, 6];
        for (var k = 0; k < 6; k++)
        {
            expected[(k / 3 * 6) + 3 + (k % 3)] = written[k];
        }
        var datasets = ReadWithH5py(path).GetProperty("datasets");
        Assert.Equal(Sha256(expected), datasets.GetProperty("/sparse").GetProperty("sha256").GetString());
        Assert.Equal(-7, datasets.GetProperty("/sparse").GetProperty("fill").GetInt32());
        Assert.Equal(Sha256(new[] { 42, 42, 42, 42, 42 }), datasets.GetProperty("/empty").GetProperty("sha256").GetString());
    }

    [Fact]
    public void Write_Attributes_H5pyReadsStringsNumbersAndArrays()
    {
        var path = PathOf("attrs.h5");
        using (var file = Hdf5Writer.Create(path))
        {
            file.Root.SetAttribute("title", "Tessera test — ünïcode");
            file.Root.SetAttribute("version", 3L);
            var d = file.CreateDataset<float>("t", [3]);
            d.Write([1f, 2f, 3f]);
            d.SetAttribute("units", "K");
            d.SetAttribute("scale", 0.5);
            d.SetAttribute("valid_range", new[] { -90f, 60f });
            file.CreateGroup("empty/nested").SetAttribute("count", (short)-2);
        }
        var attrs = ReadWithH5py(path).GetProperty("attrs");
        Assert.Equal("Tessera test — ünïcode", attrs.GetProperty("/@title").GetString());
        Assert.Equal(3, attrs.GetProperty("/@version").GetInt64());
        Assert.Equal("K", attrs.GetProperty("/t@units").GetString());
        Assert.Equal(0.5, attrs.GetProperty("/t@scale").GetDouble());
        Assert.Equal([-90.0, 60.0], attrs.GetProperty("/t@valid_range").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(-2, attrs.GetProperty("/empty/nested@count").GetInt32());
    }

    [Fact]
    public void Write_GroupWithManyMembers_H5dumpAcceptsTheFile()
    {
        var path = PathOf("members.h5");
        using (var file = Hdf5Writer.Create(path))
        {
            for (var i = 0; i < 50; i++)
            {
                file.CreateDataset<byte>($"g/d{i:00}", [2]).Write([(byte)i, (byte)(i + 1)]);
            }
        }
        var h5dump = Process.Start(new ProcessStartInfo("h5dump", ["-H", path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = h5dump.StandardOutput.ReadToEnd();
        h5dump.WaitForExit();
        Assert.True(h5dump.ExitCode == 0, $"h5dump failed ({h5dump.ExitCode}): {h5dump.StandardError.ReadToEnd()}");
        Assert.Equal(50, output.Split('\n').Count(l => l.Contains("DATASET \"d")));
        var datasets = ReadWithH5py(path).GetProperty("datasets");
        Assert.Equal(Sha256(new byte[] { 49, 50 }), datasets.GetProperty("/g/d49").GetProperty("sha256").GetString());
    }

    [Fact]
    public void Abort_LeavesNoFileAndKeepsAnExistingTarget()
    {
        var path = PathOf("keep.h5");
        File.WriteAllText(path, "previous contents");
        var file = Hdf5Writer.Create(path);
        file.CreateDataset<double>("x", [10]).Write(new double[10]);
        file.Abort();
        file.Dispose();
        Assert.Equal("previous contents", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory.FullName));
    }

    [Fact]
    public void Dispose_FailingWrite_NeverLeavesAHalfWrittenFile()
    {
        var path = PathOf("failed.h5");
        void WriteThenFail()
        {
            using var file = Hdf5Writer.Create(path);
            var d = file.CreateDataset<double>("x", [100], new Hdf5DatasetOptions { Chunks = [10] });
            try
            {
                d.WriteBlock([0], [10], new double[10]);
                throw new InvalidOperationException("the producer of the next chunk failed");
            }
            catch
            {
                file.Abort();
                throw;
            }
        }
        Assert.Throws<InvalidOperationException>(WriteThenFail);
        Assert.Empty(Directory.GetFiles(_directory.FullName));
    }

    [Fact]
    public void CreateDataset_BadOptions_SayWhatToFix()
    {
        using var file = Hdf5Writer.Create(PathOf("bad.h5"));
        var rank = Assert.Throws<ArgumentException>(() =>
            file.CreateDataset<double>("a", [10, 10], new Hdf5DatasetOptions { Chunks = [5] }));
        Assert.Contains("chunks has 1 dimensions; the dataset has 2", rank.Message);
        var gzip = Assert.Throws<ArgumentException>(() =>
            file.CreateDataset<double>("b", [10], new Hdf5DatasetOptions { CompressionLevel = 4 }));
        Assert.Contains("Set Chunks", gzip.Message);
        var aligned = file.CreateDataset<double>("c", [10], new Hdf5DatasetOptions { Chunks = [4] });
        var misaligned = Assert.Throws<ArgumentException>(() => aligned.WriteBlock([2], [4], new double[4]));
        Assert.Contains("chunk boundaries", misaligned.Message);
        var duplicate = Assert.Throws<ArgumentException>(() => file.CreateDataset<double>("c", [1]));
        Assert.Contains("already exists", duplicate.Message);
        file.Abort();
    }
}
