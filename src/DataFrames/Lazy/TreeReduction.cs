using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>
/// A reduction over a frame's partitions, as dask's tree reduction: a chunk task per partition
/// (reading it into a partial), combine tasks merging up to <see cref="SplitEvery"/> partials at a
/// time, level by level, and a last task turning the one partial left into the result. Partials
/// are small (sums and counts, or one entry per group), so combining them is cheap and no
/// partition is held longer than its chunk task.
/// </summary>
internal sealed class TreeReduction(
    string name,
    FrameNode source,
    Func<IComputeBackend, Frame, object> chunk,
    Func<IReadOnlyList<object>, object> combine,
    Func<object, object?> finish)
{
    public const int SplitEvery = 8;

    public string Name { get; } = name;

    public FrameNode Source { get; } = source;

    /// <summary>Adds the reduction's tasks (once) and returns the key of its result.</summary>
    public string Lower(FrameLowering context, string? resultKey = null)
    {
        var result = resultKey ?? TaskKeys.Block(Name, [0]);
        if (context.Has(result))
        {
            return result;
        }
        context.Lower(Source);
        var backend = context.Backend;
        var level = new List<string>();
        for (var p = 0; p < Source.Partitions; p++)
        {
            var key = TaskKeys.Block(Name + "-chunk", [p]);
            context.Graph.Add(key, "reduce-chunk", a => chunk(backend, (Frame)a[0]!), TaskArg.Ref(Source.Key(p)));
            level.Add(key);
        }
        var depth = 0;
        while (level.Count > 1)
        {
            var next = new List<string>();
            for (var start = 0; start < level.Count; start += SplitEvery)
            {
                var members = level.Skip(start).Take(SplitEvery).Select(TaskArg.Ref).ToArray();
                var key = TaskKeys.Block($"{Name}-combine-{depth}", [start / SplitEvery]);
                context.Graph.Add(key, "reduce-combine", a => combine([.. a.ToArray().Select(x => x!)]), members);
                next.Add(key);
            }
            level = next;
            depth++;
        }
        if (level.Count == 0)
        {
            throw new InvalidOperationException("A frame with no partitions cannot be reduced.");
        }
        context.Graph.Add(result, "reduce-finish", a => finish(a[0]!), TaskArg.Ref(level[0]));
        return result;
    }
}
