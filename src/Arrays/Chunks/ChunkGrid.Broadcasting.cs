namespace Tessera.Arrays;

public sealed partial class ChunkGrid
{
    /// <summary>
    /// The common refinement of two grids of the same shape: every block boundary of either
    /// grid is a boundary of the result (dask's <c>common_blockdim</c>). Elementwise work on
    /// arrays chunked differently runs on this grid.
    /// </summary>
    public static ChunkGrid Unify(ChunkGrid a, ChunkGrid b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckUnknownAxesMatch("Unifying chunks", a, b);
        if (!a.Shape.SequenceEqual(b.Shape))
        {
            throw new ArgumentException(
                $"Cannot unify the chunks of shapes {ShapeText(a.Shape)} and {ShapeText(b.Shape)}: the shapes differ.");
        }
        if (a.Equals(b))
        {
            return a;
        }
        var chunks = new long[a.Rank][];
        for (var axis = 0; axis < a.Rank; axis++)
        {
            if (a._offsets[axis] is null)
            {
                chunks[axis] = a._chunks[axis]; // unknown in both, with as many blocks (checked above)
                continue;
            }
            var cuts = a._offsets[axis]!.Union(b._offsets[axis]!).Order().ToArray();
            chunks[axis] = cuts.Length == 1 ? [0] : [.. cuts.Zip(cuts.Skip(1), (start, end) => end - start)];
        }
        return new ChunkGrid(chunks);
    }

    /// <summary>
    /// NumPy broadcasting of shapes: axes align from the right, and an axis of length 1
    /// stretches to the other's length. Throws "cannot broadcast shapes (3, 4) and (5,)".
    /// </summary>
    public static long[] BroadcastShapes(params IReadOnlyList<long>[] shapes)
    {
        var rank = shapes.Max(s => s.Count);
        var result = Enumerable.Repeat(1L, rank).ToArray();
        foreach (var shape in shapes)
        {
            for (var i = 1; i <= shape.Count; i++)
            {
                var length = shape[^i];
                var current = result[rank - i];
                if (length == current || length == 1)
                {
                    continue;
                }
                if (current != 1 && (current == UnknownSize || length == UnknownSize))
                {
                    throw new UnknownChunkSizesException(
                        $"cannot broadcast shapes {string.Join(" and ", shapes.Select(ShapeText))}: axis {rank - i} of the result ({-i} from the end) has an unknown length " +
                        $"against {(current == UnknownSize ? length : current)}, so whether they match is not known. " + ComputeChunkSizesHint,
                        rank - i);
                }
                if (current != 1)
                {
                    throw new ArgumentException(
                        $"cannot broadcast shapes {string.Join(" and ", shapes.Select(ShapeText))}: axis {-i} has lengths {current} and {length}. " +
                        "Lengths must match or be 1 (use ExpandDims or Reshape to line axes up).");
                }
                result[rank - i] = length;
            }
        }
        return result;
    }

    /// <summary>
    /// The output grid of an elementwise operation on <paramref name="grids"/>: shapes
    /// broadcast, and on each output axis the common refinement of the operands whose length
    /// there is not 1 (a length-1 axis broadcasts into every block).
    /// </summary>
    public static ChunkGrid Broadcast(params ChunkGrid[] grids)
    {
        ArgumentNullException.ThrowIfNull(grids);
        var shape = BroadcastShapes([.. grids.Select(g => g.Shape)]);
        var chunks = new long[shape.Length][];
        for (var axis = 0; axis < shape.Length; axis++)
        {
            if (shape[axis] == UnknownSize)
            {
                chunks[axis] = UnknownAxis(grids, axis, shape.Length);
                continue;
            }
            var cuts = new SortedSet<long> { 0, shape[axis] };
            foreach (var grid in grids)
            {
                var gridAxis = axis - (shape.Length - grid.Rank);
                if (gridAxis >= 0 && grid.Shape[gridAxis] == shape[axis])
                {
                    cuts.UnionWith(grid._offsets[gridAxis]!);
                }
            }
            var ordered = cuts.ToArray();
            chunks[axis] = ordered.Length == 1 ? [0] : [.. ordered.Zip(ordered.Skip(1), (s, e) => e - s)];
        }
        return new ChunkGrid(chunks);
    }

    /// <summary>A shape as NumPy prints it, unknown lengths as dask prints them: <c>(nan, 3)</c>.</summary>
    internal static string ShapeText(IReadOnlyList<long> shape) =>
        shape.Count == 1 ? $"({SizeText(shape[0])},)" : $"({string.Join(", ", shape.Select(SizeText))})";
}
