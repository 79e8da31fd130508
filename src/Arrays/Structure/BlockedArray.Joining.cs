using Tessera.Arrays.Structure;

namespace Tessera.Arrays;

public static partial class BlockedArray
{
    /// <summary>
    /// Arrays joined along an existing <paramref name="axis"/> (NumPy's <c>concatenate</c>). The
    /// blocks of the inputs become the blocks of the result unchanged; the other axes must have
    /// equal lengths and are rechunked to their common refinement when cut differently.
    /// </summary>
    public static BlockedArray<T> Concatenate<T>(IReadOnlyList<BlockedArray<T>> arrays, int axis = 0) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(arrays);
        return new(ConcatenateNode.Of([.. arrays.Select(a => a.Node)], axis));
    }

    /// <summary>
    /// Arrays of one shape joined along a new <paramref name="axis"/> (NumPy's <c>stack</c>):
    /// each input gains a length-1 axis there (a view of each block), then they are concatenated.
    /// </summary>
    public static BlockedArray<T> Stack<T>(IReadOnlyList<BlockedArray<T>> arrays, int axis = 0) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(arrays);
        if (arrays.Count == 0)
        {
            throw new ArgumentException("need at least one array to stack.", nameof(arrays));
        }
        var shape = arrays[0].Shape;
        for (var k = 1; k < arrays.Count; k++)
        {
            if (!arrays[k].Shape.SequenceEqual(shape))
            {
                throw new ArgumentException(
                    $"all input arrays must have the same shape, but the array at index 0 has shape {ChunkGrid.ShapeText(shape)} " +
                    $"and the array at index {k} has shape {ChunkGrid.ShapeText(arrays[k].Shape)}.", nameof(arrays));
            }
        }
        var normalized = Structure.Axes.Normalize(axis, shape.Count + 1);
        return new(ConcatenateNode.Of([.. arrays.Select(a => BlockViews.ExpandDims(a.Node, normalized))], normalized));
    }
}
