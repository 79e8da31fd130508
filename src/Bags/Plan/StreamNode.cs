using Tessera.Scheduling;

namespace Tessera.Bags.Plan;

/// <summary>
/// An element operator over a parent's partitions (Select, Where, SelectMany, MapPartitions…):
/// no task of its own, so chains of them run fused inside whichever task opens the partition.
/// </summary>
internal sealed class StreamNode<TIn, TOut> : BagNode<TOut>
{
    private readonly BagNode<TIn> _parent;
    private readonly Func<IEnumerable<TIn>, int, IEnumerable<TOut>> _operator;

    public StreamNode(BagNode<TIn> parent, string op, Func<IEnumerable<TIn>, int, IEnumerable<TOut>> @operator)
    {
        _parent = parent;
        _operator = @operator;
        Kind = Names.Chain(parent.Kind, op);
        Name = Names.Fresh(Kind, parent.Name);
    }

    public override int Partitions => _parent.Partitions;

    public override string Name { get; }

    public override string Kind { get; }

    public override TaskArg[] Inputs(int partition, GraphBuilder graph) => _parent.Inputs(partition, graph);

    public override IEnumerable<TOut> Open(object?[] inputs, int partition) => _operator(_parent.Open(inputs, partition), partition);
}
