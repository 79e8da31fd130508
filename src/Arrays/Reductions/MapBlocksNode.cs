using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Reductions;

/// <summary>
/// A layer whose block i is a host function of the source's block i (the same block layout,
/// possibly a different grid such as fewer axes): the final steps of reductions use it to
/// drop reduced axes, narrow types and turn moments into variances.
/// </summary>
internal sealed class MapBlocksNode(string name, ChunkGrid grid, DType dtype, ArrayNode source, string kind,
    Func<object, int[], object> map) : ArrayNode(name, grid, dtype)
{
    public override IReadOnlyList<ArrayNode> Inputs => [source];

    public override void Lower(LoweringContext context)
    {
        var sourceIndexes = source.Grid.BlockIndices().ToArray();
        var backend = context.Backend;
        var i = 0;
        foreach (var index in Grid.BlockIndices())
        {
            var shape = BlockShapes.ToInt(Grid.BlockShape(index));
            // Blocks made on the host go back to the run's device; partials (plain objects) stay.
            context.Graph.Add(BlockKey(index), kind, args => Place(backend, map(args[0]!,
                    UnknownBlockShapes.HasUnknown(shape) ? UnknownBlockShapes.FromElementCount(shape, ElementCount(args[0]!), kind) : shape)),
                TaskArg.Ref(source.BlockKey(sourceIndexes[i++])));
        }
    }

    private static object Place(IComputeBackend backend, object result) =>
        result is IDeviceBuffer block ? Residency.ToBackend(backend, block) : result;

    private static long ElementCount(object block) => block switch
    {
        IDeviceBuffer buffer => buffer.Length,
        MomentPartial moments => moments.Count.Length,
        _ => throw new InvalidOperationException($"A block of {block.GetType().Name} has no element count for an unknown shape."),
    };

    /// <summary>The grid without the reduced axes (each of which has one block of length 1).</summary>
    public static ChunkGrid WithoutAxes(ChunkGrid grid, ReductionAxes axes) =>
        new([.. grid.Chunks.Where((_, d) => !axes.Contains(d))]);

    /// <summary>Drops the reduced axes: a reshape of each block, no copy.</summary>
    public static ArrayNode DropAxes(ArrayNode partial, ReductionAxes axes) =>
        new MapBlocksNode(TaskKeys.Name("squeeze", partial.Name, axes.Axes), WithoutAxes(partial.Grid, axes),
            partial.DType, partial, "squeeze", (block, shape) => HostBlocks.Reshape((IDeviceBuffer)block, shape));
}
