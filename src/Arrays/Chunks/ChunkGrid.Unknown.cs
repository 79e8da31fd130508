using System.Globalization;

namespace Tessera.Arrays;

/// <summary>
/// Blocks of unknown size, as dask's NaN chunks: boolean-mask indexing keeps each block's
/// elements where the mask holds, so how many there are is known only once the blocks are
/// computed. The number of blocks is known; their sizes are not. Operations that need sizes
/// (slicing, reshaping, rechunking, products, joining) throw <see cref="UnknownChunkSizesException"/>
/// until <c>ComputeChunkSizes()</c> has measured them.
/// </summary>
public sealed partial class ChunkGrid
{
    /// <summary>The size of a block, or length of an axis, that is not known yet (dask's NaN).</summary>
    public const long UnknownSize = -1;

    internal const string ComputeChunkSizesHint =
        "Call ComputeChunkSizes() first to measure the blocks (x = x.ComputeChunkSizes()), as with dask's x.compute_chunk_sizes().";

    /// <summary><paramref name="grid"/> with the blocks of each axis in <paramref name="unknownAxes"/> made of unknown size (as many of them).</summary>
    internal static ChunkGrid WithUnknownAxes(ChunkGrid grid, params int[] unknownAxes) =>
        new([.. grid._chunks.Select((c, d) => unknownAxes.Contains(d) ? Enumerable.Repeat(UnknownSize, c.Length).ToArray() : c)]);

    /// <summary>True when some axis has blocks of unknown size.</summary>
    public bool HasUnknownSizes => _offsets.Any(o => o is null);

    /// <summary>True when the block sizes on <paramref name="axis"/> are known.</summary>
    public bool IsKnown(int axis) => _offsets[axis] is not null;

    /// <summary>The axes whose block sizes are unknown, in order.</summary>
    public IReadOnlyList<int> UnknownAxes => [.. Enumerable.Range(0, Rank).Where(d => _offsets[d] is null)];

    /// <summary>This grid, or an <see cref="UnknownChunkSizesException"/> naming the first unknown axis and what needed it.</summary>
    internal ChunkGrid RequireKnown(string operation)
    {
        for (var axis = 0; axis < Rank; axis++)
        {
            KnownOffsets(axis, operation);
        }
        return this;
    }

    /// <summary>This grid, or an <see cref="UnknownChunkSizesException"/> when <paramref name="axis"/> has blocks of unknown size.</summary>
    internal ChunkGrid RequireKnown(string operation, int axis)
    {
        KnownOffsets(axis, operation);
        return this;
    }

    private long[] KnownOffsets(int axis, string operation) =>
        _offsets[axis] ?? throw new UnknownChunkSizesException(
            $"{operation} needs the block sizes of axis {axis}, but they are unknown (shape {ShapeText(Shape)}, chunks {this}), " +
            $"as after boolean-mask indexing. {ComputeChunkSizesHint}", axis);

    /// <summary>Unknown axes must be unknown in both grids and cut into as many blocks, else the blocks cannot be paired.</summary>
    private static void CheckUnknownAxesMatch(string operation, ChunkGrid a, ChunkGrid b)
    {
        if (a.Rank != b.Rank)
        {
            return; // the shape check that follows reports it
        }
        for (var axis = 0; axis < a.Rank; axis++)
        {
            if (a.IsKnown(axis) && b.IsKnown(axis))
            {
                continue;
            }
            if (a.IsKnown(axis) != b.IsKnown(axis))
            {
                throw new UnknownChunkSizesException(
                    $"{operation}: axis {axis} has blocks of unknown size in one array ({(a.IsKnown(axis) ? b : a)}) and known sizes " +
                    $"in the other ({(a.IsKnown(axis) ? a : b)}), so they cannot be lined up. {ComputeChunkSizesHint}", axis);
            }
            if (a._chunks[axis].Length != b._chunks[axis].Length)
            {
                throw new UnknownChunkSizesException(
                    $"{operation}: axis {axis} has blocks of unknown size in both arrays, but {a._chunks[axis].Length} blocks in one and " +
                    $"{b._chunks[axis].Length} in the other ({a} and {b}); unknown blocks pair only one to one. {ComputeChunkSizesHint}", axis);
            }
        }
    }

    /// <summary>The unknown chunks of output axis <paramref name="axis"/>: every operand unknown there must have as many blocks.</summary>
    private static long[] UnknownAxis(ChunkGrid[] grids, int axis, int rank)
    {
        long[]? chunks = null;
        foreach (var grid in grids)
        {
            var gridAxis = axis - (rank - grid.Rank);
            if (gridAxis < 0 || grid.IsKnown(gridAxis))
            {
                continue; // a known axis here has length 1 and broadcasts
            }
            var own = grid._chunks[gridAxis];
            if (chunks is not null && chunks.Length != own.Length)
            {
                throw new UnknownChunkSizesException(
                    $"Elementwise operation: axis {axis} has blocks of unknown size in two operands, cut into {chunks.Length} and " +
                    $"{own.Length} blocks; unknown blocks pair only one to one. {ComputeChunkSizesHint}", axis);
            }
            chunks = own;
        }
        return chunks!;
    }

    private static string SizeText(long size) =>
        size == UnknownSize ? "nan" : size.ToString(CultureInfo.InvariantCulture);
}
