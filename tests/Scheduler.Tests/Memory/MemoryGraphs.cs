using Tessera.Scheduling;

namespace Tessera.Scheduler.Tests.Memory;

/// <summary>Graphs whose results are <see cref="TestBlock"/>s of known bytes, for memory tests.</summary>
internal static class MemoryGraphs
{
    /// <summary>Root "block-i": <paramref name="bytes"/> random bytes from seed i.</summary>
    public static TaskDefinition Block(int i, int bytes) =>
        TaskDefinition.Call($"block-{i}", "block", _ => TestBlock.Random(i, bytes));

    /// <summary>
    /// <paramref name="roots"/> blocks that must all be held at once: a sink "check" needs every
    /// one and returns how many hold exactly the bytes their seed gives.
    /// </summary>
    public static (TaskGraph Graph, string Sink) AllIntoOne(int roots, int bytes)
    {
        var graph = new TaskGraph();
        for (var i = 0; i < roots; i++)
        {
            graph.Add(Block(i, bytes));
        }
        graph.Add(TaskDefinition.Call("check", "check", args =>
        {
            var intact = 0;
            for (var i = 0; i < args.Length; i++)
            {
                intact += ((TestBlock)args[i]!).Data.AsSpan().SequenceEqual(TestBlock.Random(i, bytes).Data) ? 1 : 0;
            }
            return intact;
        }, [.. Enumerable.Range(0, roots).Select(i => TaskArg.Ref($"block-{i}"))]));
        return (graph, "check");
    }

    /// <summary>
    /// Roots consumed by a slow sequential chain: "link-i" needs "block-i" and "link-(i-1)" and
    /// sleeps a millisecond. Idle workers could load every root long before the chain reaches
    /// it (the pathology of dask#2602), unless root tasks wait for memory.
    /// </summary>
    public static (TaskGraph Graph, string Last) RootsIntoSlowChain(int roots, int bytes)
    {
        var graph = new TaskGraph();
        for (var i = 0; i < roots; i++)
        {
            var seed = i;
            // Cheap roots (zeroed memory, one marked byte) so loading can outrun the chain.
            graph.Add(TaskDefinition.Call($"block-{i}", "block", _ =>
            {
                var data = new byte[bytes];
                data[0] = (byte)seed;
                return new TestBlock(data);
            }));
            var args = i == 0 ? new[] { TaskArg.Ref("block-0") } : [TaskArg.Ref($"block-{i}"), TaskArg.Ref($"link-{i - 1}")];
            graph.Add(TaskDefinition.Call($"link-{i}", "link", a =>
            {
                Thread.Sleep(1);
                return (a.Length > 1 ? (long)a[1]! : 0L) + ((TestBlock)a[0]!).Data[0];
            }, args));
        }
        return (graph, $"link-{roots - 1}");
    }

    /// <summary>Compiles without optimisation (so tests can pass a spill file system to the executor).</summary>
    public static object?[] Execute(TaskGraph graph, string[] outputs, ComputeOptions options,
        out ExecutionStatistics statistics, SpillFileSystem? files = null) =>
        GraphRunner.Execute(CompiledGraph.Compile(graph, outputs), options, out statistics, files);
}

/// <summary>A fresh temporary folder to spill into; removed when disposed.</summary>
internal sealed class SpillFolder : IDisposable
{
    public SpillFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"tessera-memtest-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Whatever a run left in the folder (it should leave nothing).</summary>
    public string[] Leftovers => Directory.GetFileSystemEntries(Path, "*", SearchOption.AllDirectories);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
