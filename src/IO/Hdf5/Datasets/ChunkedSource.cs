namespace Tessera.IO.Hdf5;

/// <summary>Chunked storage: looks chunks up in the index, reads, unfilters and caches them.</summary>
internal sealed class ChunkedSource : IChunkSource
{
    private readonly Hdf5Context _ctx;
    private readonly long _owner;
    private readonly IReadOnlyList<Hdf5Filter> _filters;
    private readonly int _elementSize;
    private readonly long _chunkBytes;
    private readonly long[] _counts;
    private readonly Lazy<Dictionary<long, ChunkRecord>> _index;
    private readonly FillBlock _fill;

    public ChunkedSource(Hdf5Context ctx, long owner, DataLayoutMessage layout, long[] dims, long[] maxDims, int elementSize,
        IReadOnlyList<Hdf5Filter> filters, byte[]? fillValue, long chunkBytes)
    {
        _ctx = ctx;
        _owner = owner;
        _filters = filters;
        _elementSize = elementSize;
        _chunkBytes = chunkBytes;
        ChunkShape = layout.ChunkDimensions;
        _counts = ChunkGrid.Counts(dims, ChunkShape);
        _index = new(() => ChunkIndexReader.Read(ctx, layout, dims, maxDims, elementSize, filters.Count > 0, chunkBytes),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _fill = new FillBlock(fillValue, chunkBytes);
    }

    public long[] ChunkShape { get; }

    public int StoredChunkCount => _index.Value.Count;

    /// <summary>
    /// The decoded chunk as a fresh array, kept in the chunk cache: for chunks a partial
    /// selection uses, which the next selection will likely need again.
    /// </summary>
    public byte[] GetChunk(long[] coords)
    {
        if (!TryFind(coords, out var record))
        {
            return _fill.Get();
        }
        if (_ctx.ChunkCache.TryGet((_owner, record.Address), out var cached))
        {
            return cached;
        }
        var decoded = GC.AllocateUninitializedArray<byte>((int)_chunkBytes);
        Decode(record, decoded);
        _ctx.ChunkCache.Add((_owner, record.Address), decoded);
        return decoded;
    }

    public bool Caches => _ctx.ChunkCache.Accepts(_chunkBytes);

    public bool TryGetCached(long[] coords, out byte[] data)
    {
        data = [];
        return TryFind(coords, out var record) && _ctx.ChunkCache.TryGet((_owner, record.Address), out data);
    }

    /// <summary>Decodes the chunk into <paramref name="destination"/> (chunk-sized) without caching it; scratch is pooled.</summary>
    public void DecodeInto(long[] coords, Span<byte> destination)
    {
        if (!TryFind(coords, out var record))
        {
            _fill.Get().CopyTo(destination);
            return;
        }
        if (_ctx.ChunkCache.TryGet((_owner, record.Address), out var cached))
        {
            cached.CopyTo(destination);
            return;
        }
        Decode(record, destination);
    }

    private void Decode(ChunkRecord record, Span<byte> destination)
    {
        long at = _ctx.Absolute(record.Address, "chunk");
        long storedSize = CheckStoredSize(record, at);
        if (_filters.Count == 0)
        {
            _ctx.Source.ReadInto(at, destination, "chunk");
            return;
        }
        _ctx.Source.CheckRange(at, storedSize, "chunk");
        using var stored = ChunkBuffer.Rent(storedSize);
        _ctx.Source.ReadInto(at, stored.Span, "chunk");
        ChunkDecoder.Decode(_filters, stored.Span, record.FilterMask, destination, _elementSize, at);
    }

    // Unfiltered chunks are their own decoded bytes: their parts are read into the caller's memory
    // with no chunk buffer. A cached chunk is copied from the cache instead.
    public bool CanReadParts(long[] coords) =>
        _filters.Count == 0 && TryFind(coords, out var record) && !_ctx.ChunkCache.TryGet((_owner, record.Address), out _);

    public void ReadPart(long[] coords, long offset, Span<byte> destination)
    {
        if (_filters.Count > 0 || !TryFind(coords, out var record))
        {
            throw new InvalidOperationException($"Chunk [{string.Join(", ", coords)}] is filtered or not stored: read it with GetChunk.");
        }
        long at = _ctx.Absolute(record.Address, "chunk");
        CheckStoredSize(record, at);
        if (offset < 0 || offset > _chunkBytes - destination.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset,
                $"Bytes [{offset}, {offset + destination.Length}) lie outside a chunk of {_chunkBytes} bytes.");
        }
        _ctx.Source.ReadInto(at + offset, destination, "chunk");
    }

    public (byte[] Data, uint FilterMask)? GetRaw(long[] coords)
    {
        if (!TryFind(coords, out var record))
        {
            return null;
        }
        long at = _ctx.Absolute(record.Address, "chunk");
        return (_ctx.Read(record.Address, CheckStoredSize(record, at), "chunk"), record.FilterMask);
    }

    private bool TryFind(long[] coords, out ChunkRecord record)
    {
        long key = ChunkGrid.Linear(coords, _counts);
        if (key < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(coords),
                $"Chunk index [{string.Join(", ", coords)}] is outside the chunk grid [{string.Join(", ", _counts)}]. Pass 0 <= index < count on every axis.");
        }
        return _index.Value.TryGetValue(key, out record);
    }

    private long CheckStoredSize(ChunkRecord record, long at)
    {
        if (_filters.Count == 0 && record.StoredSize != _chunkBytes)
        {
            throw new Hdf5FormatException("chunk", at, $"an unfiltered chunk stores {record.StoredSize} bytes; {_chunkBytes} expected.");
        }
        if (record.StoredSize <= 0)
        {
            throw new Hdf5FormatException("chunk", at, $"stored size {record.StoredSize} is not valid.");
        }
        return record.StoredSize;
    }
}
