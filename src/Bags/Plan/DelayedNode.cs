using Tessera.Scheduling;

namespace Tessera.Bags.Plan;

/// <summary>Partitions that are the results of Delayed computations (FromDelayed): their graphs join the bag's.</summary>
internal sealed class DelayedNode<T> : BagNode<T>
{
    private readonly Delayed[] _parts;

    public DelayedNode(Delayed[] parts)
    {
        _parts = parts;
        Name = Names.Of("from-delayed", [.. parts.Select(p => p.Key)]);
    }

    public override int Partitions => _parts.Length;

    public override string Name { get; }

    public override string Kind => "from-delayed";

    public override TaskArg[] Inputs(int partition, GraphBuilder graph)
    {
        var part = _parts[partition];
        if (!graph.Has(part.Key))
        {
            graph.Merge(part.ToGraph());
        }
        return [TaskArg.Ref(part.Key)];
    }

    public override IEnumerable<T> Open(object?[] inputs, int partition) => inputs[0] switch
    {
        IEnumerable<T> items => items,
        null => throw new InvalidOperationException(
            $"The Delayed of partition {partition} ('{_parts[partition].Key}') returned null; each must return a sequence of {typeof(T).Name} (an empty one for no elements)."),
        var other => throw new InvalidCastException(
            $"The Delayed of partition {partition} ('{_parts[partition].Key}') returned a {other.GetType().Name}, not a sequence of {typeof(T).Name}."),
    };
}
