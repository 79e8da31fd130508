using Tessera.Bags.Plan;
using Tessera.Bags.Storage;
using Tessera.Bags.Streams;
using Tessera.Scheduling;

namespace Tessera.Bags;

public sealed partial class Bag<T>
{
    /// <summary>
    /// The elements grouped by <paramref name="keySelector"/>, as LINQ's GroupBy (up to the order of
    /// groups): a full shuffle into <paramref name="partitions"/> partitions (default: as many as
    /// this bag's). Each input partition is split by key hash into pieces that are tasks of their
    /// own, so past <see cref="ComputeOptions.MemoryLimit"/> the scheduler spills pieces to disk
    /// and reads them back when their group partition is built. Prefer <c>FoldBy</c> when a fold
    /// per key is all you need: it moves only one value per key and partition.
    /// </summary>
    public Bag<Group<TKey, T>> GroupBy<TKey>(Func<T, TKey> keySelector, int? partitions = null)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        var outputs = partitions ?? Partitions;
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1, nameof(partitions));
        var name = Names.Fresh("groupby", Name);
        var node = Node;
        var inputs = Partitions;
        var comparer = EqualityComparer<TKey>.Default;
        return new(new LayerNode<Group<TKey, T>>(name, "groupby", outputs, (j, graph) =>
        {
            var pieces = new TaskArg[inputs];
            for (var i = 0; i < inputs; i++)
            {
                var split = TaskKeys.Block(name + "-split", [i]);
                if (!graph.Has(split))
                {
                    var partition = i;
                    graph.Add(TaskDefinition.Call(split, "groupby-split",
                        args => Split(node.Open(args.ToArray(), partition), keySelector, comparer, outputs, partition),
                        node.Inputs(i, graph)));
                    for (var k = 0; k < outputs; k++)
                    {
                        var bucket = k;
                        graph.Add(TaskDefinition.Call(TaskKeys.Block(name + "-piece", [i, k]), "groupby-piece",
                            args => ((Partition<T>[])args[0]!)[bucket], TaskArg.Ref(split)));
                    }
                }
                pieces[i] = TaskArg.Ref(TaskKeys.Block(name + "-piece", [i, j]));
            }
            return TaskDefinition.Call(Names.Partition(name, j), "groupby-group", args => Gather(args, keySelector), pieces);
        }));
    }

    private static Partition<T>[] Split<TKey>(IEnumerable<T> items, Func<T, TKey> keySelector, EqualityComparer<TKey> comparer,
        int outputs, int partition)
    {
        var buckets = new List<T>[outputs];
        for (var k = 0; k < outputs; k++)
        {
            buckets[k] = [];
        }
        long index = 0;
        foreach (var item in items)
        {
            var key = ElementStreams.Guard("GroupBy key", partition, index++, keySelector, item);
            var hash = key is null ? 0 : comparer.GetHashCode(key);
            buckets[(int)((uint)hash % (uint)outputs)].Add(item);
        }
        return [.. buckets.Select(b => new Partition<T>(b))];
    }

    private static Partition<Group<TKey, T>> Gather<TKey>(ReadOnlySpan<object?> pieces, Func<T, TKey> keySelector)
    {
        // Keys were computed once already in the split; computing them again here costs less than
        // carrying (key, element) pairs through the spill files.
        // Null keys never reach the dictionary (they get their own group below), so its notnull
        // constraint holds although TKey may be a nullable type, as in LINQ's GroupBy.
#pragma warning disable CS8714
        var groups = new Dictionary<TKey, List<T>>();
#pragma warning restore CS8714
        var order = new List<(TKey Key, List<T> Values)>();
        List<T>? nulls = null;
        foreach (var piece in pieces)
        {
            foreach (var item in ((Partition<T>)piece!).Items)
            {
                var key = keySelector(item);
                List<T>? values;
                if (key is null)
                {
                    if (nulls is null)
                    {
                        nulls = [];
                        order.Add((key!, nulls));
                    }
                    values = nulls;
                }
                else if (!groups.TryGetValue(key, out values))
                {
                    values = [];
                    groups.Add(key, values);
                    order.Add((key, values));
                }
                values.Add(item);
            }
        }
        return new([.. order.Select(g => new Group<TKey, T>(g.Key, g.Values))]);
    }
}
