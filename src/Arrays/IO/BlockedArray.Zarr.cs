using Tessera.Arrays.Lazy;
using Tessera.IO.Zarr;
using Tessera.Kernels.Cpu;
using Tessera.Scheduling;

namespace Tessera.Arrays;

public static partial class BlockedArray
{
    /// <summary>
    /// A lazy array over array <paramref name="array"/> of the Zarr store (v2 or v3 directory) at
    /// <paramref name="path"/>, as <c>xarray.open_zarr(path)[array].data</c>. By default each block is
    /// one stored chunk; with <paramref name="chunks"/> a block gathers the chunks it touches, decoding
    /// them in parallel. <typeparamref name="T"/> must be the stored type (float for <c>&lt;f4</c>,
    /// short for <c>&lt;i2</c>, …); convert after reading with Astype.
    /// </summary>
    /// <remarks>Chunks that were never written read as the fill value. Dimension names and attributes: <see cref="ZarrArray.Open"/>.</remarks>
    public static BlockedArray<T> FromZarr<T>(string path, string array, ChunkSpec chunks = default) where T : unmanaged
    {
        var source = ZarrArray.Open(path, array);
        var dtype = DTypes.Of<T>();
        if (source.DType != dtype)
        {
            throw new ArgumentException(
                $"Zarr array '{array}' in '{path}' stores {source.DType.NumPyName()}, but FromZarr<{typeof(T).Name}> reads {dtype.NumPyName()}. " +
                $"Use FromZarr<{source.DType.ClrType().Name}> and convert with Astype.");
        }
        var grid = chunks.IsUnspecified
            ? ChunkGrid.Regular(source.Shape, [.. source.ChunkShape.Select((c, d) => Math.Max(1, Math.Min(c, source.Shape[d])))])
            : chunks.Resolve(source.Shape, dtype.Size(), source.ChunkShape);
        var store = new DirectoryInfo(path);
        var name = TaskKeys.Name("zarr", store.FullName, StoreStamp(store, source.Path), array, grid.ToString());
        return new(new BlocksNode(name, grid, dtype, "zarr-read", (backend, index, blockShape) =>
        {
            // ReadInto writes every element (chunks, or the fill value for missing ones): no need to zero first.
            var values = HostArrays.Allocate<T>(Shapes.Length(blockShape), zeroed: false);
            source.ReadInto<T>(grid.BlockOffset(index), [.. blockShape.Select(s => (long)s)], values);
            return OnDevice(backend, CpuBuffer.Wrap(values, blockShape));
        }, (start, shape, reuse) =>
        {
            // A consumer reading the block inside its own task: reused memory, no allocation.
            var length = Shapes.Length(shape);
            var scratch = reuse is T[] reused && reused.LongLength >= length ? reused : ScratchBlocks.Rent<T>(length);
            try
            {
                source.ReadInto<T>(start, [.. shape.Select(s => (long)s)], scratch.AsSpan(0, (int)length));
            }
            catch
            {
                if (!ReferenceEquals(scratch, reuse))
                {
                    ScratchBlocks.Return(scratch);
                }
                throw;
            }
            return (CpuBuffer.Wrap(scratch, 0, shape), scratch);
        }));
    }

    /// <summary>When the array's metadata last changed, so a rewritten store gets new task keys.</summary>
    private static long StoreStamp(DirectoryInfo store, string array)
    {
        var directory = Path.Combine(store.FullName, array);
        return new[] { ".zarray", "zarr.json", ".zattrs" }
            .Select(f => new FileInfo(Path.Combine(directory, f)))
            .Where(f => f.Exists)
            .Select(f => f.LastWriteTimeUtc.Ticks)
            .DefaultIfEmpty(0)
            .Max();
    }
}
