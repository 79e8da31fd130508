using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Shuffle;

/// <summary>
/// A hash shuffle (dask's <c>shuffle(on=...)</c> with the task method): one split task per input
/// partition groups its rows by destination partition, and output partition j concatenates, from
/// every split result, the rows bound for j. Split results are ordinary frames, so the memory
/// limit counts them and spills them between the two steps like any partition.
/// </summary>
internal sealed class HashShuffleNode(string name, FrameNode source, HashPartitioner partitioner)
    : FrameNode(name, partitioner.Partitions, source.Schema)
{
    public override IReadOnlyList<FrameNode> Inputs => [source];

    public override void Lower(FrameLowering context)
    {
        var splits = new TaskArg[source.Partitions];
        for (var p = 0; p < source.Partitions; p++)
        {
            var key = TaskKeys.Block(Name + "-split", [p]);
            context.Graph.Add(key, "shuffle-split", a => partitioner.Group((Frame)a[0]!).Grouped, TaskArg.Ref(source.Key(p)));
            splits[p] = TaskArg.Ref(key);
        }
        var schema = Schema;
        for (var j = 0; j < Partitions; j++)
        {
            var output = j;
            context.Graph.Add(Key(j), "shuffle-concat", a =>
            {
                var pieces = new Frame[a.Length];
                for (var i = 0; i < a.Length; i++)
                {
                    pieces[i] = partitioner.Piece((Frame)a[i]!, output);
                }
                return pieces.Length == 0 ? Frame.Empty(schema) : Frame.Concat(pieces);
            }, splits);
        }
    }
}
