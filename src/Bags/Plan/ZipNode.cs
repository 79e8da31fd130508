using Tessera.Scheduling;

namespace Tessera.Bags.Plan;

/// <summary>Pairs partition i of two bags element by element; partitions of unequal length are an error.</summary>
internal sealed class ZipNode<TFirst, TSecond> : BagNode<(TFirst First, TSecond Second)>
{
    private readonly BagNode<TFirst> _first;
    private readonly BagNode<TSecond> _second;

    public ZipNode(BagNode<TFirst> first, BagNode<TSecond> second)
    {
        _first = first;
        _second = second;
        Kind = "zip";
        Name = Names.Of("zip", first.Name, second.Name);
    }

    public override int Partitions => _first.Partitions;

    public override string Name { get; }

    public override string Kind { get; }

    public override TaskArg[] Inputs(int partition, GraphBuilder graph)
    {
        var a = _first.Inputs(partition, graph);
        return [TaskArg.Literal(a.Length), .. a, .. _second.Inputs(partition, graph)];
    }

    public override IEnumerable<(TFirst First, TSecond Second)> Open(object?[] inputs, int partition)
    {
        var split = (int)inputs[0]! + 1;
        using var a = _first.Open(inputs[1..split], partition).GetEnumerator();
        using var b = _second.Open(inputs[split..], partition).GetEnumerator();
        long index = 0;
        while (true)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (hasA != hasB)
            {
                throw new InvalidOperationException(
                    $"Zip needs partitions of equal length, but partition {partition} of the {(hasA ? "second" : "first")} bag " +
                    $"ends after {index} elements while the other goes on. Zip bags derived from one bag by Select, " +
                    "or give both the same partitioning (FromSequence with the same partitionSize).");
            }
            if (!hasA)
            {
                yield break;
            }
            index++;
            yield return (a.Current, b.Current);
        }
    }
}
