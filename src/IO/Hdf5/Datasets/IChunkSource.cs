namespace Tessera.IO.Hdf5;

/// <summary>
/// The storage of one dataset seen as a grid of equally shaped blocks. Chunked layouts use
/// their real chunks; contiguous and compact data are cut into virtual blocks so one
/// hyperslab reader serves every layout.
/// </summary>
internal interface IChunkSource
{
    /// <summary>Block shape per axis (empty for scalar datasets).</summary>
    long[] ChunkShape { get; }

    /// <summary>The decoded block at the given block coordinates, full block size, in file byte order.</summary>
    byte[] GetChunk(long[] coords);

    /// <summary>
    /// Decodes the block into <paramref name="destination"/> (block-sized), for blocks the read
    /// uses once: nothing is cached and scratch memory is pooled where the source can.
    /// </summary>
    void DecodeInto(long[] coords, Span<byte> destination) => GetChunk(coords).CopyTo(destination);

    /// <summary>Whether <see cref="GetChunk"/> keeps blocks of this source in a cache.</summary>
    bool Caches => false;

    /// <summary>The block, when a cache holds it already.</summary>
    bool TryGetCached(long[] coords, out byte[] data)
    {
        data = [];
        return false;
    }

    /// <summary>
    /// Whether bytes of the block at <paramref name="coords"/> can be read straight from the file
    /// with <see cref="ReadPart"/>: it is stored, needs no decoding and is not in the chunk cache.
    /// False where the caller must use <see cref="GetChunk"/> (filtered, missing or cached blocks,
    /// or sources that cannot).
    /// </summary>
    bool CanReadParts(long[] coords) => false;

    /// <summary>
    /// Reads bytes [<paramref name="offset"/>, offset + destination length) of the block at
    /// <paramref name="coords"/>, as stored, into <paramref name="destination"/>; only for blocks
    /// <see cref="CanReadParts"/> accepts.
    /// </summary>
    void ReadPart(long[] coords, long offset, Span<byte> destination) =>
        throw new NotSupportedException($"{GetType().Name} cannot read parts of a block from the file; use GetChunk.");
}

/// <summary>Blocks of the fill value, built once per dataset.</summary>
internal sealed class FillBlock
{
    private readonly byte[]? _fillValue;
    private readonly long _bytes;
    private byte[]? _block;

    public FillBlock(byte[]? fillValue, long bytes)
    {
        _fillValue = fillValue;
        _bytes = bytes;
    }

    // Two threads may both build the block on first use; both results are identical, so the
    // race only costs one extra allocation and needs no lock.
    public byte[] Get() => _block ??= Build();

    private byte[] Build()
    {
        var block = new byte[_bytes];
        if (_fillValue is { Length: > 0 } fill && fill.AsSpan().IndexOfAnyExcept((byte)0) >= 0)
        {
            for (long i = 0; i + fill.Length <= block.Length; i += fill.Length)
            {
                fill.CopyTo(block, i);
            }
        }
        return block;
    }
}
