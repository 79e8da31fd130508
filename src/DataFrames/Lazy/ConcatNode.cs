using Apache.Arrow;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>The partitions of several frames one after another; columns are put in the first frame's order.</summary>
internal sealed class ConcatNode(string name, Schema schema, FrameNode[] inputs, string[] columns)
    : FrameNode(name, inputs.Sum(i => i.Partitions), schema)
{
    public override IReadOnlyList<FrameNode> Inputs => inputs;

    public override void Lower(FrameLowering context)
    {
        var p = 0;
        foreach (var input in inputs)
        {
            for (var i = 0; i < input.Partitions; i++)
            {
                var reorder = !input.Schema.FieldsList.Select(f => f.Name).SequenceEqual(columns);
                context.Graph.Add(Key(p++), "concat", a => reorder ? ((Frame)a[0]!).Select(columns) : a[0], TaskArg.Ref(input.Key(i)));
            }
        }
    }
}
