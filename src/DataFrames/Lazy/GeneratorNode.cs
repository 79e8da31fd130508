using Apache.Arrow;

namespace Tessera.DataFrames.Lazy;

/// <summary>Partitions made by a function of their number (generated example data): no inputs, one task each.</summary>
internal sealed class GeneratorNode(string name, Schema schema, int partitions, Func<int, Frame> generate)
    : FrameNode(name, partitions, schema)
{
    public override IReadOnlyList<FrameNode> Inputs => [];

    public override void Lower(FrameLowering context)
    {
        for (var p = 0; p < Partitions; p++)
        {
            var partition = p;
            context.Graph.Add(Key(p), "generate", _ => generate(partition));
        }
    }
}
