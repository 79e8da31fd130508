using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Reductions;

/// <summary>Where the members of one combine group sit in the stacked group, and the shapes involved.</summary>
/// <param name="Placements">Per member, its offset (in partials) inside the stacked group.</param>
/// <param name="StackedShape">The group's members laid side by side along the reduced axes.</param>
/// <param name="OutputShape">The combined block's shape (size 1 on the reduced axes).</param>
internal sealed record GroupLayout(long[][] Placements, int[] StackedShape, int[] OutputShape)
{
    /// <summary>Partial blocks of one shape (length 1 on axis 0) stacked along axis 0: the bands of one block's rows.</summary>
    public static GroupLayout AlongFirstAxis(object[] parts)
    {
        var shape = ((IDeviceBuffer)parts[0]).Shape.ToArray();
        return new GroupLayout([.. parts.Select((_, i) => shape.Select((_, d) => d == 0 ? (long)i : 0L).ToArray())],
            [parts.Length, .. shape.Skip(1)], shape);
    }
}

/// <summary>
/// One level of a combine tree: groups of up to <c>fanIn</c> partials along each reduced axis
/// become one partial, so no task reads more than about splitEvery partials and the tree's
/// depth is log(blocks). What "combine" means is the caller's (a sum of sums, a merge of moments).
/// </summary>
internal sealed class GroupNode(string name, ChunkGrid grid, ArrayNode partials, ReductionAxes axes, int fanIn,
    Func<IComputeBackend, object?[], GroupLayout, object> combine) : ArrayNode(name, grid, partials.DType)
{
    public override IReadOnlyList<ArrayNode> Inputs => [partials];

    public override void Lower(LoweringContext context)
    {
        var backend = context.Backend;
        foreach (var index in Grid.BlockIndices())
        {
            var first = new int[Grid.Rank];
            var count = new int[Grid.Rank];
            for (var d = 0; d < Grid.Rank; d++)
            {
                first[d] = axes.Contains(d) ? index[d] * fanIn : index[d];
                count[d] = axes.Contains(d) ? Math.Min(fanIn, partials.Grid.BlockCounts[d] - first[d]) : 1;
            }
            var members = BlockBox.Of(first, count).ToArray();
            var outputShape = BlockShapes.ToInt(Grid.BlockShape(index));
            var layout = new GroupLayout(
                [.. members.Select(m => m.Select((b, d) => (long)(b - first[d])).ToArray())],
                [.. outputShape.Select((s, d) => axes.Contains(d) ? count[d] : s)],
                outputShape);
            context.Graph.Add(BlockKey(index), "combine", blocks =>
            {
                var parts = blocks.ToArray();
                return combine(backend, parts, Known(layout, parts));
            }, [.. members.Select(m => TaskArg.Ref(partials.BlockKey(m)))]);
        }
    }

    /// <summary>
    /// The layout with unknown lengths (kept axes of arrays after masking) filled in from a
    /// member block, which has the output's length on every kept axis. Partials that are not
    /// buffers (moments) do not use the shapes.
    /// </summary>
    private static GroupLayout Known(GroupLayout layout, IReadOnlyList<object?> blocks)
    {
        if (!UnknownBlockShapes.HasUnknown(layout.OutputShape) || blocks.OfType<IDeviceBuffer>().FirstOrDefault() is not { } member)
        {
            return layout;
        }
        int Fill(int size, int d) => size == ChunkGrid.UnknownSize ? member.Shape[d] : size;
        return layout with
        {
            StackedShape = [.. layout.StackedShape.Select(Fill)],
            OutputShape = [.. layout.OutputShape.Select(Fill)],
        };
    }
}
