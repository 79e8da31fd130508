using Tessera.Arrays.Lazy;
using Tessera.IO.Zarr;

namespace Tessera.Arrays;

/// <summary>Writing blocked arrays to Zarr stores.</summary>
public static class BlockedArrayZarrWriting
{
    /// <summary>
    /// Computes <paramref name="array"/> and streams it into array <paramref name="name"/> of the Zarr
    /// store at <paramref name="path"/> (created when missing; an array already there is replaced), as
    /// <c>dataset.to_zarr</c>: each block's chunks are compressed and written as soon as the block is
    /// computed, then released. By default chunks are the array's blocks, one to one (the blocks of an
    /// irregular grid are first made regular); with <see cref="ZarrWriteOptions.Chunks"/> the array is
    /// rechunked so each block covers whole chunks. v2 stores get xarray's <c>_ARRAY_DIMENSIONS</c> and a
    /// consolidated <c>.zmetadata</c>, so <c>xarray.open_zarr(path)</c> opens them.
    /// </summary>
    public static void ToZarr<T>(this BlockedArray<T> array, string path, string name,
        ZarrWriteOptions? options = null, ComputeOptions? computeOptions = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(array);
        options ??= new ZarrWriteOptions();
        var node = array.Node;
        var storage = options.Chunks?.ToArray() ?? RegularBlockSizes(node.Grid);
        var aligned = ChunkGrid.Regular(array.Shape, storage);
        if (!Enumerable.Range(0, node.Grid.Rank).All(d => node.Grid.Boundaries(d).All(b => aligned.Boundaries(d).Contains(b))))
        {
            node = Rechunk.To(node, aligned);
        }
        var writer = ZarrArrayWriter.Create(path, name, [.. array.Shape], DTypes.Of<T>(), options with { Chunks = storage });
        try
        {
            Storage.BlockStores.Run([node], [new ZarrBlockSink<T>(writer)], computeOptions);
            writer.Complete();
        }
        catch
        {
            writer.Abort();
            throw;
        }
    }

    /// <summary>The first block's size per axis: the chunk shape that maps a regular grid's blocks one to one.</summary>
    private static long[] RegularBlockSizes(ChunkGrid grid) =>
        [.. Enumerable.Range(0, grid.Rank).Select(d => grid.Chunks[d].Count > 0 ? Math.Max(1, grid.Chunks[d][0]) : 1)];
}
