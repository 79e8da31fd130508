using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using Tessera.Arrays;
using Tessera.IO.Hdf5;
using Tessera.Testing;

namespace Tessera.Arrays.Tests;

public sealed class BlockedArrayStoreTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tessera-store-");

    public void Dispose() => _directory.Delete(recursive: true);

    private static double[] Values(int count) => [.. Enumerable.Range(0, count).Select(i => Math.Sqrt(i) - 3)];

    /// <summary>Records every write (region and values) and when it came, relative to blocks being made.</summary>
    private sealed class RecordingSink<T>(long[] shape, ConcurrentQueue<string> log) : IBlockSink<T> where T : unmanaged
    {
        public ConcurrentBag<(long[] Offset, long[] Shape, T[] Values)> Writes { get; } = [];

        public IReadOnlyList<long> Shape => shape;

        public void Write(long[] offset, long[] blockShape, ReadOnlySpan<T> values)
        {
            log.Enqueue("write " + string.Join(",", offset));
            Writes.Add((offset, blockShape, values.ToArray()));
        }
    }

    private static BlockedArray<double> Counted(long rows, long cols, ChunkSpec chunks, ConcurrentQueue<string> log) =>
        BlockedArray.FromFunction<double>([rows, cols], chunks, (index, shape) =>
        {
            log.Enqueue("make " + string.Join(",", index));
            var offsetRow = index[0] * 4;
            var values = new double[shape[0] * shape[1]];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ((offsetRow + (i / shape[1])) * cols) + (index[1] * 3) + (i % shape[1]);
            }
            return Tensor.Create(values, [.. shape.Select(s => (nint)s)]);
        }, name: "counted-" + rows + "x" + cols);

    [Theory]
    [InlineData(4, 3)]
    [InlineData(7, 5)]
    public void Store_IntoArrayAndTensor_MatchesCompute(int chunkRows, int chunkCols)
    {
        var values = Values(11 * 9);
        var x = BlockedArray.FromArray(values, [11, 9], [chunkRows, chunkCols]);
        var y = (x * 2) + 1;
        var target = new double[11 * 9];
        y.Store(new ArrayBlockSink<double>(target, 11, 9));
        Assert.Equal(values.Select(v => (v * 2) + 1), target);
        var tensor = Tensor.Create(new float[11 * 9], [11, 9]);
        var floats = BlockedArray.FromArray(values.Select(v => (float)v).ToArray(), [11, 9], [chunkRows, chunkCols]);
        floats.Store(new TensorBlockSink<float>(tensor), new ComputeOptions { Scheduler = SchedulerKind.Synchronous });
        Assert.Equal(values.Select(v => (float)v), tensor.ToArray());
    }

    [Fact]
    public void Store_WritesEachBlockOnce_AsItFinishes()
    {
        var log = new ConcurrentQueue<string>();
        var x = Counted(12, 9, ChunkSpec.Create([4, 3]), log);
        var sink = new RecordingSink<double>([12, 9], log);
        x.Store(sink, new ComputeOptions { Scheduler = SchedulerKind.Synchronous });
        Assert.Equal(9, sink.Writes.Count);
        foreach (var (offset, shape, values) in sink.Writes)
        {
            Assert.Equal([4L, 3L], shape);
            Assert.Equal(offset[0] * 9 + offset[1], values[0]);
        }
        // Streaming: the first block is written before the last block is even made.
        var entries = log.ToList();
        Assert.True(entries.FindIndex(e => e.StartsWith("write", StringComparison.Ordinal)) <
                    entries.FindLastIndex(e => e.StartsWith("make", StringComparison.Ordinal)), string.Join("; ", entries));
    }

    [Fact]
    public void StoreMany_SharesWork_EachSourceBlockMadeOnce()
    {
        var log = new ConcurrentQueue<string>();
        var x = Counted(8, 6, ChunkSpec.Create([4, 3]), log);
        var sum = new double[48];
        var product = new double[48];
        BlockedArray.Store([x + 1, x * 3], [new ArrayBlockSink<double>(sum, 8, 6), new ArrayBlockSink<double>(product, 8, 6)]);
        Assert.Equal(4, log.Count(e => e.StartsWith("make", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(0, 48).Select(i => i + 1.0), sum);
        Assert.Equal(Enumerable.Range(0, 48).Select(i => i * 3.0), product);
    }

    [Fact]
    public void StoreMany_IntoHdf5Datasets_ReadBackByH5py()
    {
        var path = Path.Combine(_directory.FullName, "stored.h5");
        var values = Values(10 * 7);
        var x = BlockedArray.FromArray(values, [10, 7], [4, 3]);
        using (var file = Hdf5File.Create(path))
        {
            var plain = file.CreateDataset<double>("plain", [10, 7]);
            var chunked = file.CreateDataset<double>("chunked", [10, 7], new Hdf5DatasetOptions { Chunks = [4, 3] });
            BlockedArray.Store([x, -x], [new Hdf5BlockSink<double>(plain), new Hdf5BlockSink<double>(chunked)]);
        }
        var sums = PythonOracle.Run($$$"""
            import h5py, numpy as np
            with h5py.File({{{JsonSerializer.Serialize(path)}}}, "r") as f:
                print(repr(float(f["plain"][()].sum())), repr(float(f["chunked"][()].sum())), f["chunked"].chunks)
            """).Split(' ', 3);
        Assert.Equal(values.Sum(), double.Parse(sums[0], CultureInfo.InvariantCulture), 1e-9);
        Assert.Equal(-values.Sum(), double.Parse(sums[1], CultureInfo.InvariantCulture), 1e-9);
        using var read = Hdf5File.Open(path);
        Assert.Equal(values, read.Dataset("plain").Read<double>().ToArray());
    }

    [Fact]
    public void Store_WrongShapeOrCount_IsAnError()
    {
        var x = BlockedArray.Zeros<double>([4, 4], [2, 2]);
        var shape = Assert.Throws<ArgumentException>(() => x.Store(new ArrayBlockSink<double>(new double[16], 2, 8)));
        Assert.Contains("shape (4, 4) but its sink has shape (2, 8)", shape.Message, StringComparison.Ordinal);
        var count = Assert.Throws<ArgumentException>(() => BlockedArray.Store([x, x], [new ArrayBlockSink<double>(new double[16], 4, 4)]));
        Assert.Contains("2 arrays and 1 sinks", count.Message, StringComparison.Ordinal);
    }
}
