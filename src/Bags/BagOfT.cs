using Tessera.Bags.Plan;
using Tessera.Bags.Storage;
using Tessera.Scheduling;

namespace Tessera.Bags;

/// <summary>
/// A lazy, partitioned collection of arbitrary elements (records, lines, tuples), as dask.bag:
/// query it with LINQ (<c>Select</c>, <c>Where</c>, <c>SelectMany</c>, query syntax), reduce it
/// (<c>Count</c>, <c>FoldBy</c>, <c>Frequencies</c>…), and nothing runs until <see cref="Compute"/>.
/// Partitions are streams: a chain of element operators and a reduction run as one task per
/// partition on the task scheduler, so a file never has to fit in memory.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed partial class Bag<T>
{
    private LayerNode<T>? _materialized;

    internal Bag(BagNode<T> node) => Node = node;

    internal BagNode<T> Node { get; }

    /// <summary>The number of partitions.</summary>
    public int Partitions => Node.Partitions;

    /// <summary>The bag's name: the prefix of its partitions' task keys.</summary>
    public string Name => Node.Name;

    /// <summary>The partitions as tasks whose results hold them ("name[i]").</summary>
    internal LayerNode<T> Materialized => _materialized ??= Node as LayerNode<T>
        ?? LayerNode<T>.Over(Node, Node.Name, Node.Kind, static (items, _) => Partition<T>.From(items));

    /// <summary>Computes every partition and returns the elements in partition order.</summary>
    public List<T> Compute(ComputeOptions? options = null)
    {
        var partitions = ComputePartitions(options);
        var all = new List<T>(partitions.Sum(p => p.Count));
        foreach (var partition in partitions)
        {
            all.AddRange(partition.Items);
        }
        return all;
    }

    /// <summary>Computes on a background thread; cancellation through <paramref name="options"/>.</summary>
    public Task<List<T>> ComputeAsync(ComputeOptions? options = null) =>
        Task.Factory.StartNew(() => Compute(options), (options ?? ComputeOptions.Default).CancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// Computes every partition now and returns a bag holding them (same name, same partitions),
    /// so later computations start from them instead of reading and transforming again.
    /// </summary>
    /// <remarks>
    /// With <see cref="ComputeOptions.Client"/> set the partitions stay on the cluster's workers
    /// (dask's <c>client.persist</c>): computations on that cluster read them there, and a
    /// computation anywhere else fetches them.
    /// </remarks>
    public Bag<T> Persist(ComputeOptions? options = null)
    {
        if (options?.Client is null)
        {
            return new(LayerNode<T>.Constants(Materialized.Name, "persisted", ComputePartitions(options)));
        }
        var graph = Build(out var keys);
        return new(LayerNode<T>.Remote(Materialized.Name, "persisted", new RemotePartitions(GraphRunner.Persist(graph.Graph, keys, options))));
    }

    /// <summary>The graph that computes every partition.</summary>
    public TaskGraph ToGraph() => Build(out _).Graph;

    /// <summary>The graph as Graphviz DOT text: one node per task.</summary>
    public string ToDot()
    {
        var graph = Build(out var keys);
        return DotWriter.Write(graph.Graph, keys);
    }

    /// <summary>
    /// Writes a picture of the graph to <paramref name="path"/> (rendered by Graphviz's <c>dot</c>
    /// when installed, otherwise the DOT text beside it; see <see cref="Delayed.Visualize(string)"/>).
    /// </summary>
    public GraphRendering Visualize(string path) => GraphRendering.Render(ToDot(), path);

    /// <summary>One <see cref="Delayed{T}"/> per partition, holding its elements, as dask's <c>to_delayed</c>.</summary>
    public Delayed<List<T>>[] ToDelayed()
    {
        var graph = Build(out var keys);
        return [.. keys.Select(key => DelayedBridge.ToDelayed(graph.Graph, key, value => ((Partition<T>)value!).Items))];
    }

    /// <inheritdoc />
    public override string ToString() => $"Bag<{typeof(T).Name}>('{Name}', partitions={Partitions})";

    internal List<Partition<T>> ComputePartitions(ComputeOptions? options)
    {
        var graph = Build(out var keys);
        return [.. GraphRunner.Run(graph.Graph, keys, options).Cast<Partition<T>>()];
    }

    private GraphBuilder Build(out string[] keys)
    {
        var graph = new GraphBuilder();
        var layer = Materialized;
        keys = new string[layer.Partitions];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = layer.Build(i, graph);
        }
        return graph;
    }

    /// <summary>A bag that applies <paramref name="op"/> to each partition's stream (no task of its own).</summary>
    internal Bag<TOut> Stream<TOut>(string op, Func<IEnumerable<T>, int, IEnumerable<TOut>> @operator) =>
        new(new StreamNode<T, TOut>(Node, op, @operator));

    /// <summary>A one-partition bag whose partition is the result of a reduction tree over this bag.</summary>
    internal Bag<TOut> ReduceToBag<TPart, TOut>(string kind, Func<IEnumerable<T>, int, TPart> chunk,
        Func<List<TPart>, TPart> combine, Func<TPart, IEnumerable<TOut>> finish)
    {
        var name = Names.Fresh(kind, Name);
        var node = Node;
        return new(new LayerNode<TOut>(name, kind, 1, (_, graph) =>
        {
            var key = Names.Partition(name, 0);
            Trees.Reduce(graph, node, name, key, kind, chunk, combine, part => Partition<TOut>.From(finish(part)));
            return graph.Graph[key];
        }));
    }

    /// <summary>A lazy value from a reduction tree over this bag.</summary>
    internal BagScalar<TResult> ReduceToScalar<TPart, TResult>(string kind, Func<IEnumerable<T>, int, TPart> chunk,
        Func<List<TPart>, TPart> combine, Func<TPart, TResult> finish)
    {
        var name = Names.Fresh(kind, Name);
        var node = Node;
        return new(name, graph => Trees.Reduce(graph, node, name, name, kind, chunk, combine, part => finish(part)));
    }
}
