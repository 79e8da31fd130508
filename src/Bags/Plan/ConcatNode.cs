using Tessera.Scheduling;

namespace Tessera.Bags.Plan;

/// <summary>
/// Partitions made of whole partitions of other nodes, in order (Concat, and Repartition to fewer
/// partitions). Each input group is prefixed by a literal holding its argument count, so
/// <see cref="Open"/> can split the arguments again without rebuilding anything.
/// </summary>
internal sealed class ConcatNode<T> : BagNode<T>
{
    private readonly (BagNode<T> Node, int Partition)[][] _parts;

    public ConcatNode(string name, string kind, (BagNode<T> Node, int Partition)[][] parts)
    {
        Name = name;
        Kind = kind;
        _parts = parts;
    }

    public override int Partitions => _parts.Length;

    public override string Name { get; }

    public override string Kind { get; }

    public override TaskArg[] Inputs(int partition, GraphBuilder graph)
    {
        var args = new List<TaskArg>();
        foreach (var (node, index) in _parts[partition])
        {
            var inputs = node.Inputs(index, graph);
            args.Add(TaskArg.Literal(inputs.Length));
            args.AddRange(inputs);
        }
        return [.. args];
    }

    public override IEnumerable<T> Open(object?[] inputs, int partition)
    {
        var offset = 0;
        foreach (var (node, index) in _parts[partition])
        {
            var count = (int)inputs[offset]!;
            var own = inputs[(offset + 1)..(offset + 1 + count)];
            offset += count + 1;
            foreach (var item in node.Open(own, index))
            {
                yield return item;
            }
        }
    }
}
