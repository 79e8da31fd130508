using Tessera.Arrays;
using Tessera.IO.Hdf5;

namespace Tessera.Arrays.Tests.IO;

/// <summary>
/// Reductions of a dataset read its blocks inside the reduction's tasks on the CPU, into memory
/// reused from block to block: results must equal those over the same values in memory, whatever
/// the block sizes (uneven last blocks read into a larger reused array), and the graph must hold
/// no separate read tasks for them.
/// </summary>
public sealed class Hdf5ReductionTests : IDisposable
{
    private const int Rows = 301, Cols = 67;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tessera-h5-reduce-");

    public void Dispose() => _directory.Delete(recursive: true);

    private (string Path, double[] Values) Dataset(bool compressed)
    {
        var values = Enumerable.Range(0, Rows * Cols).Select(i => Math.Sin(i * 0.013) * 100 + (i % 7)).ToArray();
        var path = Path.Combine(_directory.FullName, compressed ? "z.h5" : "plain.h5");
        using (var file = Hdf5File.Create(path))
        {
            file.CreateDataset<double>("x", [Rows, Cols],
                new Hdf5DatasetOptions { Chunks = [50, 30], CompressionLevel = compressed ? 4 : 0, Shuffle = compressed }).Write(values);
        }
        return (path, values);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reductions_OfADataset_EqualTheSameReductionsInMemory(bool compressed)
    {
        var (path, values) = Dataset(compressed);
        var x = BlockedArray.FromHdf5<double>(path, "/x", [100, 60]);
        var y = BlockedArray.FromArray(values, [Rows, Cols], [100, 60]);
        Assert.Equal(y.Sum().Compute(), x.Sum().Compute());
        Assert.Equal(y.Max().Compute(), x.Max().Compute());
        Assert.Equal(y.Std().Compute(), x.Std().Compute());
        ArrayAssert.Equal(y.Mean(0).Compute().ToArray(), x.Mean(0), relative: 0);
        ArrayAssert.Equal(y.Var(1).Compute().ToArray(), x.Var(1), relative: 0);
        ArrayAssert.Equal(((y * y) - y).Sum(1).Compute().ToArray(), ((x * x) - x).Sum(1), relative: 0);
        // The dataset also read as blocks by an elementwise step in the same graph.
        ArrayAssert.Equal((y - y.Mean(1, keepDims: true)).Compute().ToArray(), x - x.Mean(1, keepDims: true), relative: 0);
    }

    [Fact]
    public void ReductionTasks_ReadTheirBlocks_NoReadTasksRun()
    {
        var (path, _) = Dataset(compressed: false);
        var x = BlockedArray.FromHdf5<double>(path, "/x", [100, 60]);
        var graph = (x * 2.0).Sum(0).ToGraph(Device.Cpu);
        var chunkTasks = graph.Tasks.Where(t => t.Kind == "sum-chunk").ToList();
        Assert.Equal(x.Chunks.BlockCount, chunkTasks.Count);
        Assert.All(chunkTasks, t => Assert.Empty(t.Dependencies));
        // The graph is what a compute runs: no read tasks at all.
        Assert.DoesNotContain(graph.Tasks, t => t.Kind == "hdf5-read");
    }

    [Fact]
    public void OnADevice_BlocksAreStillReadTasks()
    {
        // Device backends take device buffers: the in-task read is a CPU-only path.
        var (path, _) = Dataset(compressed: false);
        var x = BlockedArray.FromHdf5<double>(path, "/x", [100, 60]);
        var cpuChunks = x.Sum().Array.ToGraph(Device.Cpu).Tasks.Where(t => t.Kind == "sum-chunk");
        Assert.All(cpuChunks, t => Assert.Empty(t.Dependencies));
        var deviceChunks = x.Sum().Array.ToGraph(Device.IlGpuCpu).Tasks.Where(t => t.Kind == "sum-chunk").ToList();
        Assert.Equal(x.Chunks.BlockCount, deviceChunks.Count);
        Assert.All(deviceChunks, t => Assert.Single(t.Dependencies));
    }
}
