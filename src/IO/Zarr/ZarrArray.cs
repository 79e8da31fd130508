using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Tessera.IO.Zarr.Metadata;
using Tessera.IO.Zarr.Store;

namespace Tessera.IO.Zarr;

/// <summary>
/// One array of a Zarr directory store (v2 or v3), opened for reading. Chunks are files, so any
/// number of threads may read at once; a chunk that was never written reads as the fill value.
/// </summary>
public sealed class ZarrArray
{
    private readonly ZarrDirectoryStore _store;
    private readonly ZarrArrayMetadata _metadata;

    private ZarrArray(ZarrDirectoryStore store, string path, ZarrArrayMetadata metadata)
    {
        _store = store;
        Path = path;
        _metadata = metadata;
    }

    /// <summary>
    /// Opens array <paramref name="array"/> (a path inside the store such as <c>"temperature"</c> or
    /// <c>"group/t2m"</c>; empty when the store itself is the array) of the store at <paramref name="store"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The store has no such array (the message lists those it has).</exception>
    /// <exception cref="ZarrFormatException">The metadata is malformed.</exception>
    /// <exception cref="NotSupportedException">The array uses a codec, filter or grid Tessera does not decode.</exception>
    public static ZarrArray Open(string store, string array)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(array);
        var directory = new ZarrDirectoryStore(store);
        var path = ZarrStoreLayout.Normalize(array);
        return new ZarrArray(directory, path, ZarrStoreLayout.Read(directory, path));
    }

    /// <summary>The paths of the arrays in the store at <paramref name="store"/> (v2 and v3), sorted.</summary>
    public static IReadOnlyList<string> List(string store) => ZarrStoreLayout.List(new ZarrDirectoryStore(store));

    /// <summary>The array's path inside its store.</summary>
    public string Path { get; }

    /// <summary>2 or 3.</summary>
    public int FormatVersion => _metadata.Format;

    /// <summary>The array's shape.</summary>
    public IReadOnlyList<long> Shape => _metadata.Shape;

    /// <summary>The shape of one chunk (edge chunks are stored whole, padded with the fill value).</summary>
    public IReadOnlyList<long> ChunkShape => _metadata.ChunkShape;

    /// <summary>The element type.</summary>
    public DType DType => _metadata.DataType.DType;

    /// <summary>The compressor's name (<c>blosc</c>, <c>zstd</c>, <c>zlib</c>, <c>gzip</c>), or null when chunks are raw.</summary>
    public string? Compressor => _metadata.Compressor?.Name;

    /// <summary>The fill value's little-endian bytes (zeros when the metadata has none).</summary>
    public ReadOnlyMemory<byte> FillValue => _metadata.FillValue;

    /// <summary>The user attributes (<c>.zattrs</c> or v3 <c>attributes</c>), xarray's <c>_ARRAY_DIMENSIONS</c> included.</summary>
    public JsonObject Attributes => (JsonObject)_metadata.Attributes.DeepClone();

    /// <summary>The dimension names: v3's <c>dimension_names</c>, else xarray's <c>_ARRAY_DIMENSIONS</c>; null when neither is given.</summary>
    public IReadOnlyList<string>? DimensionNames => _metadata.DimensionNames;

    /// <summary>The number of chunks along each axis.</summary>
    public IReadOnlyList<long> ChunkCounts => _metadata.GridShape;

    /// <summary>
    /// Reads the region starting at <paramref name="start"/> with shape <paramref name="shape"/> into
    /// <paramref name="destination"/> (row-major). Chunks the region touches are decoded in parallel.
    /// <typeparamref name="T"/> must be the stored type.
    /// </summary>
    public void ReadInto<T>(ReadOnlySpan<long> start, ReadOnlySpan<long> shape, Span<T> destination) where T : unmanaged
    {
        CheckType<T>();
        var region = CheckRegion(start, shape);
        var count = shape.ToArray().Aggregate(1L, (a, b) => a * b);
        if (destination.Length < count)
        {
            throw new ArgumentException($"The destination holds {destination.Length} elements; the region needs {count}.", nameof(destination));
        }
        ReadBytes(region.Start, region.Shape, MemoryMarshal.AsBytes(destination[..(int)count]));
    }

    /// <summary>Reads the whole array (row-major).</summary>
    public T[] Read<T>() where T : unmanaged
    {
        var result = new T[checked((int)_metadata.Shape.Aggregate(1L, (a, b) => a * b))];
        ReadInto<T>(new long[_metadata.Rank], _metadata.Shape, result);
        return result;
    }

    private unsafe void ReadBytes(long[] start, long[] shape, Span<byte> destination)
    {
        var chunk = _metadata.ChunkShape;
        var rank = shape.Length;
        var first = new long[rank];
        var counts = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            first[d] = start[d] / chunk[d];
            counts[d] = shape[d] == 0 ? 0 : (start[d] + shape[d] - 1) / chunk[d] - first[d] + 1;
        }
        var total = counts.Aggregate(1L, (a, b) => a * b);
        if (total == 0)
        {
            return;
        }
        fixed (byte* pointer = destination)
        {
            var address = (nint)pointer;
            var length = destination.Length;
            void ReadOne(long n)
            {
                var index = new long[rank];
                for (var d = rank - 1; d >= 0; d--)
                {
                    index[d] = first[d] + n % counts[d];
                    n /= counts[d];
                }
                ReadChunkRegion(index, start, shape, new Span<byte>((void*)address, length));
            }
            ZarrParallel.For(total, ReadOne);
        }
    }

    /// <summary>Decodes chunk <paramref name="index"/> and copies its overlap with the region into the region's buffer.</summary>
    private void ReadChunkRegion(long[] index, long[] start, long[] shape, Span<byte> destination)
    {
        var rank = shape.Length;
        var chunk = _metadata.ChunkShape;
        var elementSize = _metadata.DataType.Size;
        var box = new long[rank];
        var inChunk = new long[rank];
        var inRegion = new long[rank];
        // A whole chunk whose rows span the region's trailing axes lands as one contiguous run of the
        // region's buffer, so it can be decoded straight there (blocks that are chunks, whole-array reads).
        var contiguous = true;
        for (var d = 0; d < rank; d++)
        {
            var chunkStart = index[d] * chunk[d];
            var lo = Math.Max(chunkStart, start[d]);
            var hi = Math.Min(chunkStart + chunk[d], start[d] + shape[d]);
            box[d] = hi - lo;
            inChunk[d] = lo - chunkStart;
            inRegion[d] = lo - start[d];
            contiguous &= box[d] == chunk[d] && (d == 0 || shape[d] == chunk[d]);
        }
        var key = ZarrStoreLayout.Key(Path, _metadata.ChunkKeys.Key(index));
        var rented = _store.TryReadRented(key, out var length);
        if (rented is null)
        {
            ZarrBoxes.Fill(destination, shape, inRegion, box, _metadata.FillValue);
            return;
        }
        var encoded = new ArraySegment<byte>(rented, 0, length);
        var chunkBytes = (int)(_metadata.ChunkLength * elementSize);
        try
        {
            if (contiguous && _metadata.StoredAxisOrder is null)
            {
                var offset = rank == 0 ? 0 : inRegion[0] * (chunkBytes / chunk[0]);
                DecodeChunk(encoded, destination.Slice((int)offset, chunkBytes), key);
                return;
            }
            var scratch = ArrayPool<byte>.Shared.Rent(chunkBytes);
            try
            {
                DecodeChunk(encoded, scratch.AsSpan(0, chunkBytes), key);
                ZarrBoxes.Copy(scratch.AsSpan(0, chunkBytes), chunk, inChunk, destination, shape, inRegion, box, elementSize);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Decodes one chunk into <paramref name="destination"/> in row-major, little-endian form.</summary>
    private void DecodeChunk(ArraySegment<byte> encoded, Span<byte> destination, string key)
    {
        var elementSize = _metadata.DataType.Size;
        if (_metadata.StoredAxisOrder is { } order)
        {
            var stored = ArrayPool<byte>.Shared.Rent(destination.Length);
            try
            {
                Decompress(encoded, stored.AsSpan(0, destination.Length), key);
                ZarrBoxes.FromStoredOrder(stored.AsSpan(0, destination.Length), destination, _metadata.ChunkShape, order, elementSize);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(stored);
            }
        }
        else
        {
            Decompress(encoded, destination, key);
        }
        if (_metadata.DataType.BigEndian)
        {
            ZarrBoxes.SwapBytes(destination, elementSize);
        }
    }

    private void Decompress(ArraySegment<byte> encoded, Span<byte> destination, string key)
    {
        if (_metadata.Compressor is { } codec)
        {
            codec.Decode(encoded, destination, key);
        }
        else if (encoded.Count != destination.Length)
        {
            throw new ZarrFormatException(key, $"the uncompressed chunk is {encoded.Count} bytes; a chunk of [{string.Join(", ", _metadata.ChunkShape)}] {DType.NumPyName()} is {destination.Length}.");
        }
        else
        {
            encoded.AsSpan().CopyTo(destination);
        }
    }

    private void CheckType<T>() where T : unmanaged
    {
        if (!DTypes.Has<T>() || DTypes.Of<T>() != DType)
        {
            throw new ArgumentException(
                $"Zarr array '{Path}' in '{_store.Root}' stores {DType.NumPyName()}, but it is read as {typeof(T).Name}. " +
                $"Read it as {DType.ClrType().Name} and convert afterwards (Astype).");
        }
    }

    private (long[] Start, long[] Shape) CheckRegion(ReadOnlySpan<long> start, ReadOnlySpan<long> shape)
    {
        var rank = _metadata.Rank;
        if (start.Length != rank || shape.Length != rank)
        {
            throw new ArgumentException($"The region has {start.Length} start and {shape.Length} shape entries; array '{Path}' has {rank} dimensions.");
        }
        for (var d = 0; d < rank; d++)
        {
            if (start[d] < 0 || shape[d] < 0 || start[d] + shape[d] > _metadata.Shape[d])
            {
                throw new ArgumentOutOfRangeException(nameof(start),
                    $"Axis {d}: the region [{start[d]}, {start[d] + shape[d]}) is outside the array's extent [0, {_metadata.Shape[d]}).");
            }
        }
        return (start.ToArray(), shape.ToArray());
    }
}
