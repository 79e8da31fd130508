using System.Numerics;
using Tessera.Arrays.Lazy;
using Tessera.IO.Hdf5;

namespace Tessera.Arrays;

/// <summary>Writing blocked arrays to HDF5.</summary>
public static class BlockedArrayHdf5Writing
{
    /// <summary>
    /// Computes <paramref name="array"/> and streams it into dataset <paramref name="dataset"/> of a
    /// new HDF5 file: each block is written as soon as it is computed and then released, so the
    /// array is never held in memory whole. With <see cref="Hdf5DatasetOptions.Chunks"/> (needed
    /// for compression) the array is rechunked to the storage chunks first when its blocks do not
    /// line up with them. The file appears at <paramref name="path"/> only when every block was
    /// written; a failure leaves no file behind.
    /// </summary>
    public static void ToHdf5<T>(this BlockedArray<T> array, string path, string dataset,
        Hdf5DatasetOptions? options = null, ComputeOptions? computeOptions = null)
        where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(array);
        options ??= new Hdf5DatasetOptions();
        var node = array.Node;
        if (options.Chunks is { } storage)
        {
            var aligned = ChunkGrid.Regular(array.Shape, storage);
            if (!IsRefinementOf(node.Grid, aligned))
            {
                node = Rechunk.To(node, aligned);
            }
        }

        using var writer = Hdf5Writer.Create(path);
        try
        {
            var target = writer.CreateDataset<T>(dataset, [.. array.Shape], options);
            Storage.BlockStores.Run([node], [new Hdf5BlockSink<T>(target)], computeOptions);
        }
        catch
        {
            writer.Abort();
            throw;
        }
    }

    /// <summary>True when every block of <paramref name="blocks"/> covers whole storage chunks (or reaches the end).</summary>
    internal static bool IsRefinementOf(ChunkGrid blocks, ChunkGrid storage) =>
        Enumerable.Range(0, blocks.Rank).All(d => blocks.Boundaries(d).All(b => storage.Boundaries(d).Contains(b)));
}
