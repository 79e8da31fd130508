using Tessera.Arrays.Lazy;
using Tessera.Arrays.Reductions;
using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Structure;

/// <summary>
/// Layers whose block i is block i of the source viewed under another shape (no copy):
/// adding or removing length-1 axes, and reshapes that stay inside blocks.
/// </summary>
internal static class BlockViews
{
    /// <summary>
    /// <paramref name="source"/> under <paramref name="grid"/>, which must have as many blocks,
    /// in the same row-major order, each with as many elements as the source's.
    /// </summary>
    public static ArrayNode Reshape(ArrayNode source, ChunkGrid grid, string kind, params object?[] parts) =>
        new MapBlocksNode(TaskKeys.Name(kind, [source.Name, .. parts]), grid, source.DType, source, kind,
            (block, shape) => HostBlocks.Reshape((IDeviceBuffer)block, shape));

    /// <summary>A length-1 axis inserted at <paramref name="axis"/> (of the result).</summary>
    public static ArrayNode ExpandDims(ArrayNode source, int axis)
    {
        var chunks = source.Grid.Chunks.ToList();
        axis = Axes.Normalize(axis, chunks.Count + 1);
        chunks.Insert(axis, [1]);
        return Reshape(source, new ChunkGrid(chunks), "expand-dims", axis);
    }

    /// <summary>The given length-1 axes removed (all of them when none are given), as NumPy's <c>squeeze</c>.</summary>
    public static ArrayNode Squeeze(ArrayNode source, int[] axes)
    {
        var grid = source.Grid;
        var shape = grid.Shape;
        var drop = axes.Length == 0
            ? [.. Enumerable.Range(0, grid.Rank).Where(d => shape[d] == 1)]
            : axes.Select(a => Axes.Normalize(a, grid.Rank)).Distinct().Order().ToArray();
        foreach (var axis in drop)
        {
            grid.RequireKnown("Squeeze", axis);
        }
        foreach (var axis in drop.Where(d => shape[d] != 1))
        {
            throw new ArgumentException(
                $"cannot select an axis to squeeze out which has size not equal to one: axis {axis} of shape {BlockShapes.Text(shape)} has length {shape[axis]}.",
                nameof(axes));
        }
        if (drop.Length == 0)
        {
            return source;
        }
        // A length-1 axis is one block, except after cuts that left empty blocks: merge those first.
        var merged = Rechunk.To(source, new ChunkGrid([.. grid.Chunks.Select((c, d) => drop.Contains(d) ? [1L] : c)]));
        return Reshape(merged, new ChunkGrid([.. grid.Chunks.Where((_, d) => !drop.Contains(d))]), "squeeze", drop);
    }
}
