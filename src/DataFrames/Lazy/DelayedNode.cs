using Apache.Arrow;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>Partitions that are Delayed computations of frames: their graphs join the frame's graph, one alias task per partition.</summary>
internal sealed class DelayedNode(string name, Schema schema, IReadOnlyList<Delayed<Frame>> parts)
    : FrameNode(name, parts.Count, schema)
{
    public override IReadOnlyList<FrameNode> Inputs => [];

    public override void Lower(FrameLowering context)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            context.Graph.Merge(parts[i].ToGraph());
            context.Graph.Add(Key(i), "from-delayed", a => a[0], TaskArg.Ref(parts[i].Key));
        }
    }
}
