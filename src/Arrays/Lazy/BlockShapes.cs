namespace Tessera.Arrays.Lazy;

/// <summary>Shape conversions between the grid (long) and kernel buffers (int: one block stays under 2^31 elements).</summary>
internal static class BlockShapes
{
    public static int[] ToInt(IReadOnlyList<long> shape)
    {
        var result = new int[shape.Count];
        long count = 1;
        for (var d = 0; d < shape.Count; d++)
        {
            count *= Math.Max(shape[d], 1); // unknown sizes (-1) are filled in at run time
            result[d] = (int)shape[d];
        }
        if (count > int.MaxValue)
        {
            throw new NotSupportedException(
                $"A block of shape ({string.Join(", ", shape)}) holds {count} elements; blocks must hold fewer than 2^31. " +
                "Use smaller chunks.");
        }
        return result;
    }

    public static string Text(IReadOnlyList<long> shape) => ChunkGrid.ShapeText(shape);

    /// <summary>A shape as the user wrote it: -1 there means "inferred" (reshape) or is an error, never an unknown length, so it prints as given.</summary>
    public static string Requested(IReadOnlyList<long> shape) =>
        shape.Count == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
}
