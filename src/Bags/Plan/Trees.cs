using Tessera.Scheduling;

namespace Tessera.Bags.Plan;

/// <summary>
/// Reductions as dask builds them: one task per partition folds its stream into a partial, then
/// partials are combined in groups of <see cref="SplitEvery"/> until one task holds them all and
/// finishes the result. The per-partition task opens the partition itself, so a read, a chain of
/// Select/Where and the fold run as one task that never holds the partition.
/// </summary>
internal static class Trees
{
    public const int SplitEvery = 8;

    /// <summary>Adds the tree under <paramref name="finalKey"/> unless there; returns <paramref name="finalKey"/>.</summary>
    public static string Reduce<T, TPart>(GraphBuilder graph, BagNode<T> source, string name, string finalKey, string kind,
        Func<IEnumerable<T>, int, TPart> chunk, Func<List<TPart>, TPart> combine, Func<TPart, object?> finish)
    {
        if (graph.Has(finalKey))
        {
            return finalKey;
        }
        var keys = new List<string>(source.Partitions);
        for (var i = 0; i < source.Partitions; i++)
        {
            var key = TaskKeys.Block(name + "-chunk", [i]);
            if (!graph.Has(key))
            {
                var partition = i;
                graph.Add(TaskDefinition.Call(key, kind + "-chunk",
                    args => chunk(source.Open(args.ToArray(), partition), partition), source.Inputs(i, graph)));
            }
            keys.Add(key);
        }
        for (var level = 1; keys.Count > SplitEvery; level++)
        {
            var next = new List<string>((keys.Count + SplitEvery - 1) / SplitEvery);
            for (var start = 0; start < keys.Count; start += SplitEvery)
            {
                var key = TaskKeys.Block($"{name}-combine-{level}", [start / SplitEvery]);
                graph.Add(TaskDefinition.Call(key, kind + "-combine", args => combine(Partials<TPart>(args)),
                    [.. keys.Skip(start).Take(SplitEvery).Select(TaskArg.Ref)]));
                next.Add(key);
            }
            keys = next;
        }
        graph.Add(TaskDefinition.Call(finalKey, kind + "-aggregate", args => finish(combine(Partials<TPart>(args))),
            [.. keys.Select(TaskArg.Ref)]));
        return finalKey;
    }

    private static List<TPart> Partials<TPart>(ReadOnlySpan<object?> args)
    {
        var list = new List<TPart>(args.Length);
        foreach (var arg in args)
        {
            list.Add((TPart)arg!);
        }
        return list;
    }
}
