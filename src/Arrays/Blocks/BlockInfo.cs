namespace Tessera.Arrays;

/// <summary>Where one block sits in its array (an entry of dask's <c>block_info</c>).</summary>
/// <param name="ChunkLocation">The block's index in the grid (dask's <c>chunk-location</c>).</param>
/// <param name="ArrayLocation">Per axis, the block's [Start, Stop) in the array (dask's <c>array-location</c>).</param>
/// <param name="ArrayShape">The whole array's shape.</param>
/// <param name="NumChunks">Blocks per axis (dask's <c>num-chunks</c>).</param>
public sealed record BlockLocation(
    IReadOnlyList<int> ChunkLocation,
    IReadOnlyList<(long Start, long Stop)> ArrayLocation,
    IReadOnlyList<long> ArrayShape,
    IReadOnlyList<int> NumChunks)
{
    /// <summary>The block's shape (Stop − Start per axis).</summary>
    public IReadOnlyList<long> BlockShape => [.. ArrayLocation.Select(l => l.Stop - l.Start)];

    internal static BlockLocation Of(ChunkGrid grid, int[] index)
    {
        var offset = grid.BlockOffset(index);
        var shape = grid.BlockShape(index);
        return new([.. index], [.. offset.Select((o, d) => (o, o + shape[d]))], grid.Shape, grid.BlockCounts);
    }
}

/// <summary>
/// What a <c>MapBlocks</c> function learns about the block it is given, as dask's
/// <c>block_info</c>: one <see cref="BlockLocation"/> per input array (after chunk unification)
/// and one for the output block it must return.
/// </summary>
/// <param name="Inputs">The input blocks' locations, in argument order.</param>
/// <param name="Output">The output block's location; its shape is what the function must return.</param>
public sealed record BlockInfo(IReadOnlyList<BlockLocation> Inputs, BlockLocation Output);
