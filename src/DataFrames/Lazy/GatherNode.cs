using Apache.Arrow;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>
/// A layer whose partition j reads a chosen list of input partitions (<c>sources[j]</c>, each an
/// input number and a partition of it) and combines them: partition subsets (Loc), repartitions
/// and partition-by-partition joins. Input partitions no output names are not in the graph's
/// culled result, so they are never computed.
/// </summary>
internal sealed class GatherNode(string name, Schema schema, FrameNode[] inputs, (int Input, int Partition)[][] sources,
    Func<int, Frame[], Frame> gather, string kind = "gather")
    : FrameNode(name, sources.Length, schema)
{
    public override IReadOnlyList<FrameNode> Inputs => inputs;

    public override void Lower(FrameLowering context)
    {
        for (var j = 0; j < sources.Length; j++)
        {
            var output = j;
            var args = sources[j].Select(s => TaskArg.Ref(inputs[s.Input].Key(s.Partition))).ToArray();
            context.Graph.Add(Key(j), kind, a =>
            {
                var frames = new Frame[a.Length];
                for (var i = 0; i < a.Length; i++)
                {
                    frames[i] = (Frame)a[i]!;
                }
                return gather(output, frames);
            }, args);
        }
    }
}
