using Tessera.Arrays.Lazy;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Structure;

/// <summary>
/// The positions along one axis where a 1-D mask is true (NumPy's <c>compress</c>; <c>x[mask]</c>
/// once both are flat). Block b of the result is block b of the source filtered by block b of
/// the mask along the axis, so the result has as many blocks as the source, each of a size known
/// only when computed: the axis becomes unknown, the other axes keep their chunks.
/// </summary>
internal sealed class CompressNode : ArrayNode
{
    private readonly ArrayNode _source;
    private readonly ArrayNode _mask;
    private readonly int _axis;

    private CompressNode(ArrayNode source, ArrayNode mask, int axis)
        : base(TaskKeys.Name("compress", source.Name, mask.Name, axis), ChunkGrid.WithUnknownAxes(source.Grid, axis), source.DType)
    {
        _source = source;
        _mask = mask;
        _axis = axis;
    }

    public override IReadOnlyList<ArrayNode> Inputs => [_source, _mask];

    /// <summary><paramref name="source"/> along <paramref name="axis"/> where the 1-D <paramref name="mask"/> holds; the mask's and the axis's chunks are unified first.</summary>
    public static ArrayNode Of(ArrayNode source, ArrayNode mask, int axis)
    {
        if (mask.DType != DType.Bool || mask.Grid.Rank != 1)
        {
            throw new ArgumentException(
                $"compress takes a 1-D bool mask; got {mask.DType} of shape {BlockShapes.Text(mask.Grid.Shape)}. " +
                "Build one with a comparison, e.g. x.Sum([1]) > 0.", nameof(mask));
        }
        axis = Axes.Normalize(axis, source.Grid.Rank);
        var length = source.Grid.Shape[axis];
        var maskLength = mask.Grid.Shape[0];
        if (length != ChunkGrid.UnknownSize && maskLength != ChunkGrid.UnknownSize && length != maskLength)
        {
            throw new IndexOutOfRangeException(
                $"boolean index did not match indexed array along axis {axis}; size of axis is {length} but size of corresponding " +
                $"boolean axis is {maskLength}. Give a mask with one value per position of axis {axis}.");
        }
        // The mask's blocks pair one to one with the source's blocks along the axis.
        var inner = ChunkGrid.Unify(new ChunkGrid([source.Grid.Chunks[axis]]), new ChunkGrid([mask.Grid.Chunks[0]])).Chunks[0];
        var sourceChunks = source.Grid.Chunks.ToArray();
        sourceChunks[axis] = inner;
        source = Rechunk.To(source, new ChunkGrid(sourceChunks));
        mask = Rechunk.To(mask, new ChunkGrid([inner]));
        return new CompressNode(source, mask, axis);
    }

    public override void Lower(LoweringContext context)
    {
        var axis = _axis;
        var backend = context.Backend;
        foreach (var index in Grid.BlockIndices())
        {
            context.Graph.Add(BlockKey(index), "compress",
                blocks => HostCompress.Run(backend, (IDeviceBuffer)blocks[0]!, (IDeviceBuffer)blocks[1]!, axis),
                TaskArg.Ref(_source.BlockKey(index)), TaskArg.Ref(_mask.BlockKey([index[axis]])));
        }
    }
}
