using Apache.Arrow;
using Tessera.DataFrames.Grouping;
using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Shuffle;

/// <summary>
/// A group-by whose result is spread over several partitions (dask's <c>split_out</c>): each input
/// partition's rows are grouped by destination partition and folded into one partial per
/// destination (one task), so partial j holds only the groups bound for output j; output j merges
/// the partials j of every input in a tree (up to <see cref="TreeReduction.SplitEvery"/> at a
/// time) and finishes them into its rows. No task ever holds every group.
/// </summary>
internal sealed class GroupByShuffleNode(string name, FrameNode source, HashPartitioner partitioner,
    Func<Frame, GroupPartial> chunk, Func<GroupPartial, Frame> finish, Schema schema)
    : FrameNode(name, partitioner.Partitions, schema)
{
    public override IReadOnlyList<FrameNode> Inputs => [source];

    public override void Lower(FrameLowering context)
    {
        var splits = new TaskArg[source.Partitions];
        for (var p = 0; p < source.Partitions; p++)
        {
            var key = TaskKeys.Block(Name + "-split-chunk", [p]);
            context.Graph.Add(key, "groupby-split", a => SplitChunk((Frame)a[0]!), TaskArg.Ref(source.Key(p)));
            splits[p] = TaskArg.Ref(key);
        }
        for (var j = 0; j < Partitions; j++)
        {
            var output = j;
            // The first level picks partial j out of each split result; later levels merge partials.
            var level = new List<string>();
            for (var start = 0; start < splits.Length; start += TreeReduction.SplitEvery)
            {
                var key = TaskKeys.Block($"{Name}-combine-0", [output, start / TreeReduction.SplitEvery]);
                context.Graph.Add(key, "groupby-combine",
                    a => GroupPartial.Combine([.. a.ToArray().Select(x => ((GroupPartial[])x!)[output])]),
                    splits.Skip(start).Take(TreeReduction.SplitEvery).ToArray());
                level.Add(key);
            }
            for (var depth = 1; level.Count > 1; depth++)
            {
                var next = new List<string>();
                for (var start = 0; start < level.Count; start += TreeReduction.SplitEvery)
                {
                    var key = TaskKeys.Block($"{Name}-combine-{depth}", [output, start / TreeReduction.SplitEvery]);
                    context.Graph.Add(key, "groupby-combine", a => GroupPartial.Combine([.. a.ToArray().Select(x => (GroupPartial)x!)]),
                        level.Skip(start).Take(TreeReduction.SplitEvery).Select(TaskArg.Ref).ToArray());
                    next.Add(key);
                }
                level = next;
            }
            context.Graph.Add(Key(j), "groupby-finish", a => finish((GroupPartial)a[0]!), TaskArg.Ref(level[0]));
        }
    }

    private GroupPartial[] SplitChunk(Frame frame)
    {
        var (grouped, starts) = partitioner.Group(frame);
        var partials = new GroupPartial[partitioner.Partitions];
        for (var j = 0; j < partials.Length; j++)
        {
            partials[j] = chunk(grouped.Slice(starts[j], starts[j + 1] - starts[j]));
        }
        return partials;
    }
}
