using Apache.Arrow;

namespace Tessera.DataFrames.Lazy;

/// <summary>A one-partition frame that is the result of a tree reduction (group aggregates, value counts, distinct rows).</summary>
internal sealed class TreeNode(TreeReduction reduction, Schema schema) : FrameNode(reduction.Name, 1, schema)
{
    public override IReadOnlyList<FrameNode> Inputs => [reduction.Source];

    public override void Lower(FrameLowering context) => reduction.Lower(context, Key(0));
}
