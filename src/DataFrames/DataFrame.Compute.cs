using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>
    /// Computes every partition on the scheduler and returns them concatenated in order (executor,
    /// workers, device, memory limit, observers and cancellation from <paramref name="options"/>).
    /// </summary>
    public Frame Compute(ComputeOptions? options = null) => Frame.Concat(ComputePartitions(options, Enumerable.Range(0, NPartitions)));

    /// <summary>
    /// Computes the partitions and keeps them in memory: the returned frame's graph starts from
    /// them, so later computations do not read or compute them again (dask's persist).
    /// </summary>
    /// <remarks>
    /// With <see cref="ComputeOptions.Client"/> set the partitions stay on the cluster's workers
    /// (dask's <c>client.persist</c>): computations on that cluster read them there, and a
    /// computation anywhere else fetches them.
    /// </remarks>
    public DataFrame Persist(ComputeOptions? options = null)
    {
        var name = TaskKeys.Name("persist", Node.Name);
        if (options?.Client is not null)
        {
            var context = FrameLowering.For(options);
            context.Lower(Node);
            var handles = GraphRunner.Persist(context.Graph, [.. Enumerable.Range(0, NPartitions).Select(Node.Key)], options);
            return new DataFrame(new PersistedFramesNode(name, Schema, handles), Index);
        }
        var frames = ComputePartitions(options, Enumerable.Range(0, NPartitions));
        return new DataFrame(new FramesNode(name, Schema, frames), Index);
    }

    /// <summary>
    /// The first <paramref name="n"/> rows, computed now (as dask's head): partitions are computed in
    /// order only until they hold <paramref name="n"/> rows.
    /// </summary>
    public Frame Head(int n = 5, ComputeOptions? options = null)
    {
        var taken = new List<Frame>();
        var rows = 0;
        for (var p = 0; p < NPartitions && (rows < n || taken.Count == 0); p++)
        {
            var frame = ComputePartitions(options, [p])[0];
            taken.Add(frame);
            rows += frame.RowCount;
        }
        return Frame.Concat(taken).Head(n);
    }

    /// <summary>The last <paramref name="n"/> rows, computed now from the last partitions.</summary>
    public Frame Tail(int n = 5, ComputeOptions? options = null)
    {
        var taken = new List<Frame>();
        var rows = 0;
        for (var p = NPartitions - 1; p >= 0 && (rows < n || taken.Count == 0); p--)
        {
            var frame = ComputePartitions(options, [p])[0];
            taken.Insert(0, frame);
            rows += frame.RowCount;
        }
        return Frame.Concat(taken).Tail(n);
    }

    /// <summary>The task graph computing every partition, and the partitions' keys.</summary>
    public (TaskGraph Graph, IReadOnlyList<string> Keys) Graph(ComputeOptions? options = null)
    {
        var context = FrameLowering.For(options);
        context.Lower(Node);
        return (context.Graph, [.. Enumerable.Range(0, NPartitions).Select(Node.Key)]);
    }

    /// <summary>Draws the task graph with Graphviz (<c>.svg</c>, <c>.png</c>, …) or writes its DOT text (<c>.dot</c>).</summary>
    public GraphRendering Visualize(string path)
    {
        var (graph, keys) = Graph();
        return GraphRendering.Render(Scheduling.DotWriter.Write(graph, [.. keys]), path);
    }

    internal Frame[] ComputePartitions(ComputeOptions? options, IEnumerable<int> partitions)
    {
        var context = FrameLowering.For(options);
        context.Lower(Node);
        var keys = partitions.Select(Node.Key).ToArray();
        var results = GraphRunner.Run(context.Graph, keys, options);
        return [.. results.Select(r => (Frame)r!)];
    }
}
