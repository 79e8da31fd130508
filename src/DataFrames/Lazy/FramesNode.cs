using Apache.Arrow;

namespace Tessera.DataFrames.Lazy;

/// <summary>Partitions already in memory (from Arrow, records, or <see cref="DataFrame.Persist"/>): constants of the graph.</summary>
internal sealed class FramesNode(string name, Schema schema, IReadOnlyList<Frame> frames)
    : FrameNode(name, frames.Count, schema)
{
    public IReadOnlyList<Frame> Frames => frames;

    public override IReadOnlyList<FrameNode> Inputs => [];

    public override void Lower(FrameLowering context)
    {
        for (var i = 0; i < frames.Count; i++)
        {
            context.Graph.AddConstant(Key(i), frames[i]);
        }
    }
}
