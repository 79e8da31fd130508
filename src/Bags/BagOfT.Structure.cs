using Tessera.Bags.Plan;
using Tessera.Bags.Storage;
using Tessera.Scheduling;

namespace Tessera.Bags;

public sealed partial class Bag<T>
{
    /// <summary>
    /// The first <paramref name="count"/> elements, as one partition. Partitions are read in order,
    /// one task each, and a partition is opened only while fewer than <paramref name="count"/>
    /// elements have been found, so <c>Take(5)</c> of a hundred files reads one.
    /// </summary>
    public Bag<T> Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var name = Names.Fresh("take", Name);
        var node = Node;
        return new(new LayerNode<T>(name, "take", 1, (_, graph) =>
        {
            // A chain: step i receives what steps before it found, and opens partition i only
            // when that is not enough. Inputs that are tasks of their own (a persisted or
            // shuffled bag) are computed regardless; streams (reads, Select/Where over them) are
            // opened lazily here.
            var previous = TaskArg.Literal(Partition<T>.Empty);
            TaskDefinition? step = null;
            for (var i = 0; i < node.Partitions; i++)
            {
                var partition = i;
                var key = i == node.Partitions - 1 ? Names.Partition(name, 0) : TaskKeys.Block(name + "-step", [i]);
                step = TaskDefinition.Call(key, "take", args =>
                {
                    var found = (Partition<T>)args[0]!;
                    if (found.Count >= count)
                    {
                        return found;
                    }
                    var more = new List<T>(found.Items);
                    more.AddRange(node.Open(args[1..].ToArray(), partition).Take(count - found.Count));
                    return new Partition<T>(more);
                }, [previous, .. node.Inputs(i, graph)]);
                graph.Add(step);
                previous = TaskArg.Ref(key);
            }
            return step!;
        }));
    }

    /// <summary>
    /// The same elements in the same order, in <paramref name="partitions"/> partitions: fewer by
    /// joining neighbours (no task of its own), more by splitting each partition into equal runs.
    /// </summary>
    public Bag<T> Repartition(int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var count = Partitions;
        if (partitions == count)
        {
            return this;
        }
        if (partitions < count)
        {
            var groups = new (BagNode<T>, int)[partitions][];
            for (var j = 0; j < partitions; j++)
            {
                var from = (int)((long)j * count / partitions);
                var to = (int)((long)(j + 1) * count / partitions);
                groups[j] = [.. Enumerable.Range(from, to - from).Select(i => (Node, i))];
            }
            return new(new ConcatNode<T>(Names.Of("repartition", Name, partitions), "repartition", groups));
        }
        // Input i becomes pieces [first(i), first(i+1)); each piece is a slice of the materialised input.
        var source = Materialized;
        var name = Names.Of("repartition", Name, partitions);
        return new(new LayerNode<T>(name, "repartition-split", partitions, (j, graph) =>
        {
            var input = (int)((long)j * count / partitions);
            while ((int)((long)(input + 1) * partitions / count) <= j && input + 1 < count)
            {
                input++;
            }
            var first = FirstPiece(input, count, partitions);
            var pieces = FirstPiece(input + 1, count, partitions) - first;
            var piece = j - first;
            return TaskDefinition.Call(Names.Partition(name, j), "repartition-split", args =>
            {
                var items = ((Partition<T>)args[0]!).Items;
                var start = (int)((long)items.Count * piece / pieces);
                var end = (int)((long)items.Count * (piece + 1) / pieces);
                return new Partition<T>(items.GetRange(start, end - start));
            }, TaskArg.Ref(source.Build(input, graph)));
        }));
    }

    private static int FirstPiece(int input, int count, int partitions) => (int)((long)input * partitions / count);
}
