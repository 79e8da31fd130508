using Tessera.Arrays.Lazy;
using Tessera.Scheduling;

namespace Tessera.Arrays.Structure;

/// <summary>
/// <c>x[mask]</c> with a bool array, as dask's slice_with_bool_dask_array: a mask of x's shape
/// selects elements into a 1-D array, in NumPy's row-major order; a 1-D mask on a
/// higher-dimensional x selects along axis 0. Either way the selected axis has blocks of
/// unknown size.
/// </summary>
internal static class Masking
{
    public static ArrayNode Select(ArrayNode source, ArrayNode mask)
    {
        if (mask.DType != DType.Bool)
        {
            throw new ArgumentException(
                $"x[mask] takes a bool mask; got {mask.DType}. Compare to get one (x[x > 0]), or use Take for integer positions.",
                nameof(mask));
        }
        var rank = source.Grid.Rank;
        if (mask.Grid.Rank == 1)
        {
            return CompressNode.Of(source, mask, 0);
        }
        if (mask.Grid.Rank != rank)
        {
            throw new IndexOutOfRangeException(
                $"a {mask.Grid.Rank}-D boolean mask cannot index a {rank}-D array of shape {BlockShapes.Text(source.Grid.Shape)}: " +
                "give a mask of the array's shape (x[mask] is then 1-D), or a 1-D mask along one axis (x.Compress(mask, axis)).");
        }
        for (var d = 0; d < rank; d++)
        {
            var (length, maskLength) = (source.Grid.Shape[d], mask.Grid.Shape[d]);
            if (length != ChunkGrid.UnknownSize && maskLength != ChunkGrid.UnknownSize && length != maskLength)
            {
                throw new IndexOutOfRangeException(
                    $"boolean index did not match indexed array along axis {d}; size of axis is {length} but size of corresponding " +
                    $"boolean axis is {maskLength}. The mask must have the array's shape {BlockShapes.Text(source.Grid.Shape)}.");
            }
        }
        return CompressNode.Of(Flatten(source), Flatten(mask), 0);
    }

    /// <summary>
    /// The array as 1-D in row-major order. Known sizes: a reshape (dask ravels too, so the
    /// order is NumPy's). Unknown sizes: each block flattened on its own, which keeps row-major
    /// order only when every axis after the first is one block; otherwise the sizes are needed.
    /// </summary>
    private static ArrayNode Flatten(ArrayNode node)
    {
        var grid = node.Grid;
        if (grid.Rank == 1)
        {
            return node;
        }
        if (!grid.HasUnknownSizes)
        {
            return ReshapePlan.Of(node, [-1]);
        }
        for (var d = 1; d < grid.Rank; d++)
        {
            if (grid.BlockCounts[d] != 1 || !grid.IsKnown(d))
            {
                throw new UnknownChunkSizesException(
                    $"x[mask] on an array of shape {BlockShapes.Text(grid.Shape)} with chunks {grid}: selecting in NumPy's row-major " +
                    $"order needs the block sizes (axis {d} is {(grid.IsKnown(d) ? "cut into several blocks" : "of unknown size")}). " +
                    ChunkGrid.ComputeChunkSizesHint, d);
            }
        }
        var flat = new ChunkGrid([Enumerable.Repeat(ChunkGrid.UnknownSize, grid.BlockCounts[0]).ToArray()]);
        return BlockViews.Reshape(node, flat, "ravel-blocks");
    }

    /// <summary>The unknown axes measured: a layer passing the source's blocks on under <paramref name="known"/>, checking each block's shape.</summary>
    public static ArrayNode WithKnownSizes(ArrayNode source, ChunkGrid known) =>
        known.Equals(source.Grid) ? source : new KnownSizesNode(source, known);

    private sealed class KnownSizesNode(ArrayNode source, ChunkGrid known)
        : ArrayNode(TaskKeys.Name("known-chunks", source.Name, known.ToString()), known, source.DType)
    {
        public override IReadOnlyList<ArrayNode> Inputs => [source];

        public override void Lower(LoweringContext context)
        {
            foreach (var index in Grid.BlockIndices())
            {
                var expected = Grid.BlockShape(index);
                context.Graph.Add(BlockKey(index), "known-chunks", args =>
                {
                    var block = (Kernels.Backends.IDeviceBuffer)args[0]!;
                    if (!block.Shape.Select(s => (long)s).SequenceEqual(expected))
                    {
                        throw new InvalidOperationException(
                            $"Block [{string.Join(", ", index)}] has shape {BlockShapes.Text([.. block.Shape.Select(s => (long)s)])} now, " +
                            $"but ComputeChunkSizes measured {BlockShapes.Text(expected)}: its inputs changed between the two runs " +
                            "(a source that is not deterministic?). Persist() the array instead to keep one set of blocks.");
                    }
                    return block;
                }, TaskArg.Ref(source.BlockKey(index)));
            }
        }
    }
}
