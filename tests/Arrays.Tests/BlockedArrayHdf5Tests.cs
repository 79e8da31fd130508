using System.Text.Json;
using Tessera.Arrays;
using Tessera.IO.Hdf5;
using Tessera.Testing;

namespace Tessera.Arrays.Tests;

public sealed class BlockedArrayHdf5Tests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tessera-arrays-h5-");

    public void Dispose() => _directory.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    [Fact]
    public void FromHdf5_H5pyFile_MatchesNumPyAndUsesStorageChunkMultiples()
    {
        var path = PathOf("h5py.h5");
        PythonOracle.Run($$$"""
            import h5py, numpy as np
            with h5py.File({{{JsonSerializer.Serialize(path)}}}, "w") as f:
                f.create_dataset("t", data=np.arange(733 * 735, dtype="<f4").reshape(733, 735) * 0.5,
                                 chunks=(100, 128), compression="gzip", shuffle=True)
            """);
        var x = BlockedArray.FromHdf5<float>(path, "/t");
        Assert.Equal([733L, 735L], x.Shape);
        Assert.All(x.Chunks.Chunks[0].SkipLast(1), size => Assert.Equal(0, size % 100));
        Assert.All(x.Chunks.Chunks[1].SkipLast(1), size => Assert.Equal(0, size % 128));
        ArrayAssert.Equal([.. Enumerable.Range(0, 733 * 735).Select(i => i * 0.5f)], x);
        var small = BlockedArray.FromHdf5<float>(path, "/t", [200, 256]);
        Assert.Equal(((733.0 * 735) - 1) / 4, small.Mean().Compute(), 1e-3);
    }

    [Fact]
    public void FromHdf5_WrongType_NamesBothTypes()
    {
        var path = PathOf("ints.h5");
        using (var file = Hdf5File.Create(path))
        {
            file.CreateDataset<int>("i", [4]).Write([1, 2, 3, 4]);
        }
        var error = Assert.Throws<ArgumentException>(() => BlockedArray.FromHdf5<double>(path, "/i"));
        Assert.Contains("int32", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("FromHdf5<Double>", error.Message);
        ArrayAssert.Equal([1.0, 2, 3, 4], BlockedArray.FromHdf5<int>(path, "/i").Astype<double>());
    }

    [Fact]
    public void FromHdf5_ConvertsExplicitlyWhileReading()
    {
        var path = PathOf("int16.h5");
        PythonOracle.Run($$$"""
            import h5py, numpy as np
            with h5py.File({{{JsonSerializer.Serialize(path)}}}, "w") as f:
                f.create_dataset("counts", data=(np.arange(1000, dtype=">i2") - 500).reshape(10, 100), chunks=(3, 64))
            """);
        var x = BlockedArray.FromHdf5<short, float>(path, "/counts");
        ArrayAssert.Equal([.. Enumerable.Range(0, 1000).Select(i => (float)(i - 500))], x);
        var error = Assert.ThrowsAny<Exception>(() => BlockedArray.FromHdf5<int, float>(path, "/counts"));
        Assert.Contains("int16", error.Message, StringComparison.OrdinalIgnoreCase);
        var direct = Assert.Throws<ArgumentException>(() => BlockedArray.FromHdf5<float>(path, "/counts"));
        Assert.Contains("FromHdf5<short, float>", direct.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ToHdf5_StreamsBlocks_AndReadsBackExactly(bool compressed)
    {
        var path = PathOf(compressed ? "anomaly-gz.h5" : "anomaly.h5");
        var x = BlockedArray.Random(3).Normal<double>([257, 130], [64, 50]);
        var anomaly = x - x.Mean(1, keepDims: true);
        var options = compressed ? new Hdf5DatasetOptions { Chunks = [100, 65], CompressionLevel = 4, Shuffle = true } : null;
        anomaly.ToHdf5(path, "/climate/anomaly", options);

        var expected = anomaly.Compute().ToArray();
        using var file = Hdf5File.Open(path);
        var stored = file.Dataset("/climate/anomaly");
        Assert.Equal(compressed ? [100L, 65L] : null, stored.ChunkShape);
        Assert.Equal(expected, stored.Read<double>().ToArray());
        var viaPython = PythonOracle.Run($$$"""
            import h5py
            with h5py.File({{{JsonSerializer.Serialize(path)}}}, "r") as f:
                print(repr(float(f["/climate/anomaly"][()].sum())))
            """);
        Assert.Equal(expected.Sum(), double.Parse(viaPython, System.Globalization.CultureInfo.InvariantCulture), 1e-9);
    }

    [Fact]
    public void ToHdf5_FailingBlock_LeavesNoFile()
    {
        var path = PathOf("never.h5");
        var bad = BlockedArray.FromFunction<double>([10], [5], (index, shape) =>
            index[0] == 1 ? throw new IOException("disk gone") : System.Numerics.Tensors.Tensor.Create(new double[shape[0]], [(nint)shape[0]]));
        Assert.Throws<TaskFailedException>(() => bad.ToHdf5(path, "/x"));
        Assert.Empty(Directory.GetFiles(_directory.FullName));
    }

    [Fact]
    public void FromHdf5_KeepsNoFileOpen_BetweenComputations()
    {
        var path = PathOf("open-handles.h5");
        var x = BlockedArray.Random(5).Uniform<float>([300, 40], [64, 40]);
        x.ToHdf5(path, "/x", new Hdf5DatasetOptions { Chunks = [50, 40], CompressionLevel = 1 });
        var expected = x.Compute().ToArray();

        var lazy = BlockedArray.FromHdf5<float>(path, "/x");
        Assert.Equal(0, OpenHandlesTo(path)); // building the array read the headers and closed the file
        Assert.Equal(expected, lazy.Compute().ToArray());
        Assert.Equal(expected.Sum(v => (double)v), lazy.Astype<double>().Sum().Compute(), 1e-9);
        Assert.Equal(0, OpenHandlesTo(path)); // and no computation leaves it open for the GC to close

        // So the file can be replaced while the array lives, and the array reads the new bytes.
        File.Delete(path);
        Assert.Throws<TaskFailedException>(() => lazy.Compute());
    }

    /// <summary>This process's open file descriptors that point at <paramref name="path"/> (Linux's /proc/self/fd).</summary>
    private static int OpenHandlesTo(string path)
    {
        var full = Path.GetFullPath(path);
        return new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Count(fd =>
        {
            try
            {
                return fd.LinkTarget == full;
            }
            catch (IOException)
            {
                return false; // closed while listing
            }
        });
    }
}
