namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>
    /// The same values in blocks of <paramref name="chunks"/>, as dask's <c>x.rechunk(...)</c>:
    /// one size per axis (<c>[4000, 250]</c>; -1 takes the whole axis), explicit block lists
    /// (<c>ChunkSpec.Explicit(...)</c>), or automatic blocks of about 128 MiB
    /// (<c>ChunkSpec.Auto</c>) or of a byte target (<c>ChunkSpec.AutoWithTarget(bytes)</c>).
    /// Lazy: each new block is copied from the old blocks it overlaps when it is computed. Equal
    /// chunks return this array.
    /// </summary>
    /// <exception cref="ArgumentException">The spec has another number of axes, or explicit chunks that do not add up to the shape.</exception>
    public BlockedArray<TElement> Rechunk(ChunkSpec chunks)
    {
        Node.Grid.RequireKnown("Rechunk");
        var grid = chunks.Resolve(Shape, DType.Size());
        return ReferenceEquals(grid, Node.Grid) || grid.Equals(Node.Grid) ? this : new(Lazy.Rechunk.To(Node, grid));
    }

    /// <summary>
    /// New block sizes for the axes named in <paramref name="sizes"/> (axis → size, -1 for the
    /// whole axis; negative axes count from the end), the other axes keeping their blocks, as
    /// dask's <c>x.rechunk({0: 1000})</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis outside the array, or a size that is neither positive nor -1.</exception>
    public BlockedArray<TElement> Rechunk(IReadOnlyDictionary<int, long> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        Node.Grid.RequireKnown("Rechunk");
        var chunks = Node.Grid.Chunks.Select(c => c.ToArray()).ToArray();
        foreach (var (given, size) in sizes)
        {
            var axis = given < 0 ? given + Rank : given;
            if (axis < 0 || axis >= Rank)
            {
                throw new ArgumentOutOfRangeException(nameof(sizes), given,
                    $"Axis {given} is outside an array of {Rank} dimensions; use 0..{Rank - 1} or -{Rank}..-1.");
            }
            if (size < 1 && size != -1)
            {
                throw new ArgumentOutOfRangeException(nameof(sizes), size,
                    $"Block size {size} for axis {given} is not valid; give a positive size, or -1 for the whole axis.");
            }
            chunks[axis] = ChunkGrid.Split(Shape[axis], size == -1 ? Math.Max(1, Shape[axis]) : size, axis);
        }
        return Rechunk(ChunkSpec.Explicit(chunks));
    }
}
