namespace Tessera.IO.Hdf5;

/// <summary>
/// What every decoder needs: the file, the address/length widths and base address from the
/// superblock, and the shared caches. Immutable after open, so it is shared across threads.
/// </summary>
internal sealed class Hdf5Context
{
    public Hdf5Context(FileSource source, SuperblockInfo superblock, long chunkCacheBytes)
    {
        Source = source;
        Superblock = superblock;
        GlobalHeaps = new GlobalHeapCache(this);
        ChunkCache = new ChunkCache(chunkCacheBytes);
    }

    public FileSource Source { get; }
    public SuperblockInfo Superblock { get; }
    public int OffsetSize => Superblock.OffsetSize;
    public int LengthSize => Superblock.LengthSize;
    public GlobalHeapCache GlobalHeaps { get; }
    public ChunkCache ChunkCache { get; }

    /// <summary>Absolute file offset of a format address (addresses are relative to the base address).</summary>
    public long Absolute(long address, string structure)
    {
        if (!Address.IsDefined(address))
        {
            throw new Hdf5FormatException(structure, -1, "the address is undefined where a defined one is required.");
        }
        long abs = address + Superblock.BaseAddress;
        if (address < 0 || abs < 0 || abs >= Source.Length)
        {
            throw new Hdf5FormatException(structure, abs,
                $"address {address} lies outside the file (length {Source.Length}); the file is truncated or the address is corrupt.");
        }
        return abs;
    }

    public byte[] Read(long address, long length, string structure) => Source.Read(Absolute(address, structure), length, structure);

    public byte[] ReadUpTo(long address, long maxLength, string structure) => Source.ReadUpTo(Absolute(address, structure), maxLength, structure);

    public ByteCursor Cursor(byte[] data, long address, string structure) =>
        new(data, address + Superblock.BaseAddress, structure, OffsetSize, LengthSize);

    /// <summary>Bounds a size read from the file before anything is allocated from it.</summary>
    public long CheckSize(long size, string structure, long offset)
    {
        if (size < 0 || size > Source.Length)
        {
            throw new Hdf5FormatException(structure, offset,
                $"declares a size of {size} bytes, larger than the whole file ({Source.Length} bytes).");
        }
        return size;
    }
}
