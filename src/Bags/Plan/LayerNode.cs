using Tessera.Bags.Storage;
using Tessera.Scheduling;

namespace Tessera.Bags.Plan;

/// <summary>
/// Partitions that are task results (<see cref="Partition{T}"/>): "name[i]". The task of each
/// partition is built when first needed, by <see cref="Build"/>, which also adds what it needs.
/// </summary>
internal sealed class LayerNode<T> : BagNode<T>
{
    private readonly Func<int, GraphBuilder, TaskDefinition> _build;

    public LayerNode(string name, string kind, int partitions, Func<int, GraphBuilder, TaskDefinition> build)
    {
        Name = name;
        Kind = kind;
        Partitions = partitions;
        _build = build;
    }

    public override int Partitions { get; }

    public override string Name { get; }

    public override string Kind { get; }

    public string Key(int partition) => Names.Partition(Name, partition);

    /// <summary>Adds partition <paramref name="partition"/>'s task (and its inputs) unless there; returns its key.</summary>
    public string Build(int partition, GraphBuilder graph)
    {
        var key = Key(partition);
        if (!graph.Has(key))
        {
            graph.Add(_build(partition, graph));
        }
        return key;
    }

    public override TaskArg[] Inputs(int partition, GraphBuilder graph) => [TaskArg.Ref(Build(partition, graph))];

    public override IEnumerable<T> Open(object?[] inputs, int partition) => ((Partition<T>)inputs[0]!).Items;

    /// <summary>A layer whose partitions are the values given (FromSequence, Persist).</summary>
    public static LayerNode<T> Constants(string name, string kind, IReadOnlyList<Partition<T>> partitions) =>
        new(name, kind, partitions.Count, (i, _) => TaskDefinition.Constant(Names.Partition(name, i), partitions[i], kind));

    /// <summary>A layer whose partitions are kept on a cluster (Persist with a client), entered as constants holding their handles.</summary>
    public static LayerNode<T> Remote(string name, string kind, RemotePartitions partitions) =>
        new(name, kind, partitions.Count, (i, _) => TaskDefinition.Constant(Names.Partition(name, i), partitions[i], kind));

    /// <summary>
    /// A layer whose partition i is <paramref name="source"/>'s partition i run through
    /// <paramref name="work"/> inside one task: how streams become task results.
    /// </summary>
    public static LayerNode<T> Over<TIn>(BagNode<TIn> source, string name, string kind,
        Func<IEnumerable<TIn>, int, Partition<T>> work) =>
        new(name, kind, source.Partitions, (i, graph) =>
        {
            var inputs = source.Inputs(i, graph);
            var partition = i;
            return TaskDefinition.Call(Names.Partition(name, i), kind,
                args => work(source.Open(args.ToArray(), partition), partition), inputs);
        });
}
