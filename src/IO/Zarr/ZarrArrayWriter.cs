using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Tessera.IO.Zarr.Codecs;
using Tessera.IO.Zarr.Metadata;
using Tessera.IO.Zarr.Store;

namespace Tessera.IO.Zarr;

/// <summary>
/// Writes one array into a Zarr directory store (v2 or v3), block by block from any number of
/// threads. <see cref="Create"/> writes the metadata (and the groups above the array); each
/// <see cref="WriteBlock{T}"/> encodes the whole chunks its block covers; <see cref="Complete"/>
/// rewrites the consolidated metadata. An array already at that path is replaced.
/// </summary>
public sealed class ZarrArrayWriter
{
    private readonly ZarrDirectoryStore _store;
    private readonly ZarrArrayMetadata _metadata;
    private readonly bool _consolidate;

    private ZarrArrayWriter(ZarrDirectoryStore store, string path, ZarrArrayMetadata metadata, bool consolidate)
    {
        _store = store;
        Path = path;
        _metadata = metadata;
        _consolidate = consolidate;
    }

    /// <summary>The array's path inside the store.</summary>
    public string Path { get; }

    /// <summary>The array's shape.</summary>
    public IReadOnlyList<long> Shape => _metadata.Shape;

    /// <summary>The chunk shape.</summary>
    public IReadOnlyList<long> ChunkShape => _metadata.ChunkShape;

    /// <summary>
    /// Creates array <paramref name="array"/> of <paramref name="shape"/> and <paramref name="dtype"/> in the
    /// store at <paramref name="store"/> (created when missing), chunked as <see cref="ZarrWriteOptions.Chunks"/>.
    /// </summary>
    public static ZarrArrayWriter Create(string store, string array, IReadOnlyList<long> shape, DType dtype, ZarrWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(options);
        var path = ZarrStoreLayout.Normalize(array ?? throw new ArgumentNullException(nameof(array)));
        if (options.FormatVersion is not (2 or 3))
        {
            throw new ArgumentException($"FormatVersion is {options.FormatVersion}; Zarr stores are version 2 or 3.", nameof(options));
        }
        if (options.DimensionSeparator is not ('.' or '/'))
        {
            throw new ArgumentException($"DimensionSeparator is '{options.DimensionSeparator}'; use '.' or '/'.", nameof(options));
        }
        var chunks = options.Chunks?.ToArray() ?? [.. shape.Select(s => Math.Max(1, s))];
        if (chunks.Length != shape.Count || chunks.Any(c => c <= 0))
        {
            throw new ArgumentException(
                $"Chunks [{string.Join(", ", chunks)}] must give one positive size per axis of the {shape.Count}-dimensional array, e.g. [{string.Join(", ", shape.Select(s => Math.Clamp(s, 1, 1000)))}].", nameof(options));
        }
        var fill = options.FillValue ?? (dtype.IsFloatingPoint() ? double.NaN : null);
        var fillJson = ZarrFillValue.ToJson(fill, dtype);
        var compressor = (options.Compressor ?? ZarrCompressor.Blosc()).Codec;
        if (options.FormatVersion == 3 && compressor is DeflateCodec { Name: "zlib" })
        {
            throw new ArgumentException("Zarr v3 has no zlib codec; use ZarrCompressor.Gzip() or another compressor for FormatVersion 3.", nameof(options));
        }
        if (options.DimensionNames is { } names && names.Count != shape.Count)
        {
            throw new ArgumentException($"{names.Count} dimension names were given for a {shape.Count}-dimensional array; give one per axis.", nameof(options));
        }
        var metadata = new ZarrArrayMetadata
        {
            Format = options.FormatVersion,
            Shape = [.. shape],
            ChunkShape = chunks,
            DataType = new ZarrDataType(dtype, false),
            FillValue = ZarrFillValue.Parse(fillJson, dtype, "fill value"),
            FillValueJson = fillJson,
            Compressor = compressor,
            ChunkKeys = options.FormatVersion == 2 ? ZarrChunkKeys.V2(options.DimensionSeparator) : ZarrChunkKeys.V3Default('/'),
            Attributes = (JsonObject?)options.Attributes?.DeepClone() ?? [],
            DimensionNames = options.DimensionNames?.ToArray(),
        };
        metadata.Validate(path);
        var directory = new ZarrDirectoryStore(store);
        var arrayDirectory = directory.PathOf(path);
        if (Directory.Exists(arrayDirectory))
        {
            // Replace, as xarray's mode="w" does: stale chunks of an older, larger array must not survive.
            Directory.Delete(arrayDirectory, recursive: true);
        }
        WriteGroups(directory, path, options.FormatVersion);
        if (metadata.Format == 2)
        {
            ZarrStoreLayout.WriteJson(directory, ZarrStoreLayout.Key(path, ".zarray"), ZarrV2Metadata.ToZarray(metadata));
            ZarrStoreLayout.WriteJson(directory, ZarrStoreLayout.Key(path, ".zattrs"), ZarrV2Metadata.ToZattrs(metadata));
        }
        else
        {
            ZarrStoreLayout.WriteJson(directory, ZarrStoreLayout.Key(path, "zarr.json"), ZarrV3Metadata.ToJson(metadata));
        }
        return new ZarrArrayWriter(directory, path, metadata, options.Consolidate && metadata.Format == 2);
    }

    /// <summary>
    /// Writes the block at <paramref name="offset"/> of <paramref name="shape"/> (row-major
    /// <paramref name="values"/>), which must cover whole chunks (or reach the array's end).
    /// </summary>
    public void WriteBlock<T>(ReadOnlySpan<long> offset, ReadOnlySpan<long> shape, ReadOnlySpan<T> values) where T : unmanaged
    {
        if (!DTypes.Has<T>() || DTypes.Of<T>() != _metadata.DataType.DType)
        {
            throw new ArgumentException($"Zarr array '{Path}' holds {_metadata.DataType.DType.NumPyName()}; blocks of {typeof(T).Name} cannot be written to it.");
        }
        var rank = _metadata.Rank;
        if (offset.Length != rank || shape.Length != rank)
        {
            throw new ArgumentException($"The block has {offset.Length} offsets and {shape.Length} sizes; the array has {rank} dimensions.");
        }
        var chunk = _metadata.ChunkShape;
        var first = new long[rank];
        var counts = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            var end = offset[d] + shape[d];
            if (offset[d] < 0 || end > _metadata.Shape[d] || offset[d] % chunk[d] != 0 || (end % chunk[d] != 0 && end != _metadata.Shape[d]))
            {
                throw new ArgumentException(
                    $"Axis {d}: the block [{offset[d]}, {end}) does not cover whole chunks of {chunk[d]} within the extent {_metadata.Shape[d]}; " +
                    "rechunk the array to multiples of the chunk shape before writing.");
            }
            first[d] = offset[d] / chunk[d];
            counts[d] = shape[d] == 0 ? 0 : (end - 1) / chunk[d] - first[d] + 1;
        }
        var blockShape = shape.ToArray();
        var blockOffset = offset.ToArray();
        var bytes = MemoryMarshal.AsBytes(values);
        var expected = blockShape.Aggregate(1L, (a, b) => a * b) * _metadata.DataType.Size;
        if (bytes.Length != expected)
        {
            throw new ArgumentException($"The block of shape [{string.Join(", ", blockShape)}] needs {expected / _metadata.DataType.Size} values; {values.Length} were given.");
        }
        var total = counts.Aggregate(1L, (a, b) => a * b);
        if (total == 1)
        {
            WriteChunk([.. first], blockOffset, blockShape, bytes);
            return;
        }
        var copy = bytes.ToArray(); // Parallel.For cannot capture a span.
        ZarrParallel.For(total, n =>
        {
            var index = new long[rank];
            for (var d = rank - 1; d >= 0; d--)
            {
                index[d] = first[d] + n % counts[d];
                n /= counts[d];
            }
            WriteChunk(index, blockOffset, blockShape, copy);
        });
    }

    private void WriteChunk(long[] index, long[] blockOffset, long[] blockShape, ReadOnlySpan<byte> block)
    {
        var rank = index.Length;
        var chunk = _metadata.ChunkShape;
        var elementSize = _metadata.DataType.Size;
        var inBlock = new long[rank];
        var box = new long[rank];
        var whole = true;
        for (var d = 0; d < rank; d++)
        {
            var chunkStart = index[d] * chunk[d];
            inBlock[d] = chunkStart - blockOffset[d];
            box[d] = Math.Min(chunk[d], _metadata.Shape[d] - chunkStart);
            whole &= box[d] == chunk[d];
        }
        var chunkBytes = (int)(_metadata.ChunkLength * elementSize);
        // A block that is exactly this chunk is encoded from the block's own memory: no chunk-sized copy.
        var isBlock = whole && block.Length == chunkBytes && inBlock.All(i => i == 0);
        var scratch = isBlock ? null : ArrayPool<byte>.Shared.Rent(Math.Max(1, chunkBytes));
        try
        {
            ReadOnlySpan<byte> data = isBlock ? block : scratch.AsSpan(0, chunkBytes);
            if (!isBlock)
            {
                var target = scratch.AsSpan(0, chunkBytes);
                if (!whole)
                {
                    // Edge chunks are stored whole; the part past the array's end holds the fill value, as zarr-python writes it.
                    ZarrBoxes.Fill(target, chunk, new long[rank], chunk, _metadata.FillValue);
                }
                ZarrBoxes.Copy(block, blockShape, inBlock, target, chunk, new long[rank], box, elementSize);
            }
            var key = ZarrStoreLayout.Key(Path, _metadata.ChunkKeys.Key(index));
            if (_metadata.Compressor is { } codec)
            {
                var encoded = codec.Encode(data, elementSize, out var length);
                try
                {
                    _store.Write(key, encoded.AsSpan(0, length));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(encoded);
                }
            }
            else
            {
                _store.Write(key, data);
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    /// <summary>Finishes the array: rewrites the root's consolidated metadata (v2, unless turned off).</summary>
    public void Complete()
    {
        if (_consolidate)
        {
            ZarrStoreLayout.WriteConsolidated(_store);
        }
    }

    /// <summary>Removes what was written of the array after a failure.</summary>
    public void Abort()
    {
        var directory = _store.PathOf(Path);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Writes the group documents of the root and of every group between it and the array, keeping existing ones.</summary>
    private static void WriteGroups(ZarrDirectoryStore store, string path, int format)
    {
        var parts = path.Length == 0 ? [] : path.Split('/')[..^1];
        for (var i = -1; i < parts.Length; i++)
        {
            var group = i < 0 ? "" : string.Join('/', parts[..(i + 1)]);
            var key = ZarrStoreLayout.Key(group, format == 2 ? ".zgroup" : "zarr.json");
            if (!store.Contains(key) && !(path.Length == 0 && i < 0))
            {
                ZarrStoreLayout.WriteJson(store, key, format == 2
                    ? new JsonObject { ["zarr_format"] = 2 }
                    : new JsonObject { ["zarr_format"] = 3, ["node_type"] = "group", ["attributes"] = new JsonObject() });
            }
        }
    }
}
