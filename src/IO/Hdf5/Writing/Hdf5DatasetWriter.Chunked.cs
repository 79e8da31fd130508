using System.Runtime.InteropServices;
using Tessera.IO.Hdf5.Writing;

namespace Tessera.IO.Hdf5;

public sealed partial class Hdf5DatasetWriter<T>
{
    /// <summary>Splits a chunk-aligned block into chunks and stores each.</summary>
    private void WriteChunks(long[] offset, long[] blockShape, ReadOnlySpan<T> data)
    {
        var chunks = Options.Chunks!;
        var rank = Shape.Count;
        var first = new long[rank];
        var counts = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            var end = offset[d] + blockShape[d];
            if (offset[d] % chunks[d] != 0 || (end % chunks[d] != 0 && end != Shape[d]))
            {
                throw new ArgumentException(
                    $"Dataset '{Path}' is chunked [{string.Join(", ", chunks)}]; a block must start and end on chunk " +
                    $"boundaries (or the dataset's end), but axis {d} spans {offset[d]}..{end}. Write whole chunks, " +
                    "or create the dataset contiguous.");
            }
            first[d] = offset[d] / chunks[d];
            counts[d] = (blockShape[d] + chunks[d] - 1) / chunks[d];
        }
        if (counts.Any(c => c == 0))
        {
            return;
        }
        if (!Options.Shuffle && Options.CompressionLevel == 0 && blockShape.SequenceEqual(chunks))
        {
            // A block that is exactly one unfiltered chunk is the chunk's bytes: written as they are, no copy.
            StoreChunk(offset, data);
            return;
        }

        // One pooled chunk buffer per call: a write holds the caller's block plus the chunk in flight.
        var length = (int)chunks.Aggregate(1L, (a, b) => a * b);
        var rented = System.Buffers.ArrayPool<T>.Shared.Rent(length);
        try
        {
            WriteChunks(rented.AsSpan(0, length), chunks, first, counts, offset, blockShape, data);
        }
        finally
        {
            System.Buffers.ArrayPool<T>.Shared.Return(rented);
        }
    }

    private void WriteChunks(Span<T> chunk, long[] chunks, long[] first, long[] counts, long[] offset, long[] blockShape, ReadOnlySpan<T> data)
    {
        var rank = Shape.Count;
        var index = new long[rank];
        while (true)
        {
            // Copy this chunk's part of the block into a full-size, zero-padded chunk buffer.
            chunk.Clear();
            var chunkOffset = new long[rank];
            var valid = new long[rank];
            for (var d = 0; d < rank; d++)
            {
                chunkOffset[d] = (first[d] + index[d]) * chunks[d];
                valid[d] = Math.Min(chunks[d], Shape[d] - chunkOffset[d]);
            }
            CopyRegion(data, blockShape, chunkOffset.Select((o, d) => o - offset[d]).ToArray(), valid, chunk, chunks);
            StoreChunk(chunkOffset, chunk);

            var axis = rank - 1;
            for (; axis >= 0 && ++index[axis] == counts[axis]; axis--)
            {
                index[axis] = 0;
            }
            if (axis < 0)
            {
                return;
            }
        }
    }

    /// <summary>Copies the region <paramref name="start"/>+<paramref name="extent"/> of a row-major block into the top corner of a chunk.</summary>
    private static void CopyRegion(ReadOnlySpan<T> block, long[] blockShape, long[] start, long[] extent, Span<T> chunk, long[] chunkShape)
    {
        var rank = blockShape.Length;
        var rowLength = (int)extent[rank - 1];
        var rows = 1L;
        for (var d = 0; d < rank - 1; d++)
        {
            rows *= extent[d];
        }
        var index = new long[rank];
        for (long r = 0; r < rows; r++)
        {
            long source = 0, target = 0;
            for (var d = 0; d < rank; d++)
            {
                source = (source * blockShape[d]) + start[d] + index[d];
                target = (target * chunkShape[d]) + index[d];
            }
            block.Slice((int)source, rowLength).CopyTo(chunk.Slice((int)target, rowLength));
            for (var d = rank - 2; d >= 0 && ++index[d] == extent[d]; d--)
            {
                index[d] = 0;
            }
        }
    }

    /// <summary>
    /// For a block that is exactly one unfiltered chunk (clipped only along axis 0 at the dataset's
    /// end), reserves the chunk's room in the file and returns a writer that fills it a band of
    /// rows at a time; null for any other block (write it whole with <see cref="WriteBlock"/>).
    /// </summary>
    public Hdf5ChunkRows<T>? BeginChunkRows(long[] offset, long[] blockShape)
    {
        File.ThrowIfClosed();
        CheckBlock(offset, blockShape, -1);
        if (Options.Chunks is not { } chunks || Options.Shuffle || Options.CompressionLevel != 0 || Shape.Count == 0)
        {
            return null;
        }
        for (var d = 0; d < chunks.Length; d++)
        {
            var whole = blockShape[d] == chunks[d] || (d == 0 && blockShape[d] > 0 && blockShape[d] < chunks[d] && offset[d] + blockShape[d] == Shape[d]);
            if (offset[d] % chunks[d] != 0 || !whole)
            {
                return null;
            }
        }
        var rowBytes = chunks.Skip(1).Aggregate((long)ElementSize, (a, b) => a * b);
        var address = File.Space.Allocate(rowBytes * chunks[0]); // the full chunk: HDF5 stores edge chunks padded
        return new Hdf5ChunkRows<T>(this, [.. offset], blockShape[0], rowBytes, address);
    }

    /// <summary>Filters a full-size chunk (shuffle, then deflate) and writes it; thread-safe.</summary>
    private void StoreChunk(long[] chunkOffset, ReadOnlySpan<T> chunk)
    {
        var raw = MemoryMarshal.AsBytes(chunk);
        var unfiltered = !Options.Shuffle && Options.CompressionLevel == 0;
        var stored = unfiltered ? null : ChunkFilters.Encode(raw, ElementSize, Options);
        var address = File.Space.Append(unfiltered ? raw : stored);
        var storedLength = unfiltered ? raw.Length : stored!.Length;
        AddChunk(chunkOffset, address, storedLength);
    }

    /// <summary>Adds a chunk written at <paramref name="address"/> to the index (the full unfiltered size when no length is given); thread-safe.</summary>
    internal void AddChunk(long[] chunkOffset, long address, long storedLength = -1)
    {
        if (storedLength < 0)
        {
            storedLength = Options.Chunks!.Aggregate((long)ElementSize, (a, b) => a * b);
        }
        var linear = 0L;
        for (var d = 0; d < Shape.Count; d++)
        {
            linear = (linear * ((Shape[d] + Options.Chunks![d] - 1) / Options.Chunks[d])) + (chunkOffset[d] / Options.Chunks[d]);
        }
        lock (_chunks)
        {
            _chunks[linear] = new ChunkBTree.Entry(chunkOffset, address, storedLength, 0);
        }
    }

    /// <summary>The chunks written so far, for the index written at close.</summary>
    IReadOnlyList<ChunkBTree.Entry> IDatasetMetadata.WrittenChunks
    {
        get
        {
            lock (_chunks)
            {
                return [.. _chunks.Values];
            }
        }
    }

    long IDatasetMetadata.DataAddress => _dataAddress;
}
