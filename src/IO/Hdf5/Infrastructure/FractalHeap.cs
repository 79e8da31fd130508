namespace Tessera.IO.Hdf5;

/// <summary>
/// Fractal heap ("FRHP"): the object store behind dense links and dense attributes. Objects
/// are addressed by heap ids; managed objects live in direct blocks reached through a tree of
/// indirect blocks, tiny objects live inside the id itself.
/// </summary>
internal sealed partial class FractalHeap
{
    private const string Structure = "fractal heap header";
    private readonly Hdf5Context _ctx;
    private readonly long _address;
    private readonly int _idLength;
    private readonly bool _checksummedDirectBlocks;
    private readonly int _tableWidth;
    private readonly long _startBlockSize;
    private readonly long _maxDirectBlockSize;
    private readonly int _maxHeapSizeBits;
    private readonly long _rootAddress;
    private readonly int _rootRows;
    private readonly int _offsetBytes;
    private readonly int _lengthBytes;
    private readonly int _maxDirectRows;
    private readonly Dictionary<long, byte[]> _loaded = new();
    private List<DirectBlock>? _blocks;
    private const string DirectBlockStructure = "fractal heap direct block";

    private readonly record struct DirectBlock(long HeapOffset, long Address, long Size);

    public FractalHeap(Hdf5Context ctx, long address)
    {
        _ctx = ctx;
        _address = address;
        int o = ctx.OffsetSize, l = ctx.LengthSize;
        int size = 4 + 1 + 2 + 2 + 1 + 4 + l + o + l + o + 8 * l + 2 + l + l + 2 + 2 + o + 2 + 4;
        var data = ctx.ReadUpTo(address, size, Structure);
        var c = ctx.Cursor(data, address, Structure);
        c.Signature("FRHP");
        int version = c.U8();
        if (version != 0)
        {
            throw c.Fail($"version {version} found; fractal heaps are version 0.");
        }
        _idLength = c.U16();
        int filterLength = c.U16();
        if (filterLength != 0)
        {
            throw new NotSupportedException(
                $"The fractal heap at byte offset {c.FileOffset} (version 0) has I/O filters on its blocks (HDF5 1.8 and later write this when " +
                "link or attribute storage is compressed), which this reader does not implement. Copy the file with h5repack to store them plainly.");
        }
        int flags = c.U8();
        _checksummedDirectBlocks = (flags & 0x02) != 0;
        long maxManagedObjectSize = c.U32();
        c.Skip(l + o + l + o + 8 * l); // huge/free-space bookkeeping the reader does not need
        _tableWidth = c.U16();
        _startBlockSize = c.LengthField();
        _maxDirectBlockSize = c.LengthField();
        _maxHeapSizeBits = c.U16();
        c.U16(); // starting rows of the root indirect block
        _rootAddress = c.Address();
        _rootRows = c.U16();
        Lookup3.Verify(data.AsSpan(0, c.Position), c.U32(), Structure, ctx.Absolute(address, Structure));
        if (_tableWidth is <= 0 or > 65536 || !IsPowerOfTwo(_startBlockSize) || !IsPowerOfTwo(_maxDirectBlockSize)
            || _maxDirectBlockSize < _startBlockSize || _maxHeapSizeBits is <= 0 or > 64 || _rootRows > 64)
        {
            throw new Hdf5FormatException(Structure, ctx.Absolute(address, Structure),
                $"doubling table parameters are inconsistent (width {_tableWidth}, start block {_startBlockSize}, max direct block {_maxDirectBlockSize}, heap bits {_maxHeapSizeBits}).");
        }
        _offsetBytes = (_maxHeapSizeBits + 7) / 8;
        _lengthBytes = Math.Min(EncodedSize(_maxDirectBlockSize), EncodedSize(maxManagedObjectSize));
        _maxDirectRows = Log2(_maxDirectBlockSize) - Log2(_startBlockSize) + 2;
    }

    public int IdLength => _idLength;

    /// <summary>Returns the object named by a heap id (managed or tiny).</summary>
    public byte[] Get(ReadOnlySpan<byte> id, long idOffset)
    {
        var c = new ByteCursor(id, idOffset, "fractal heap id", _ctx.OffsetSize, _ctx.LengthSize);
        int first = c.U8();
        int type = (first >> 4) & 0x03;
        switch (type)
        {
            case 0:
                return GetManaged((long)c.UInt(_offsetBytes), (long)c.UInt(_lengthBytes), idOffset);
            case 2:
                int length = (first & 0x0F) + 1;
                return c.Bytes(length).ToArray();
            case 1:
                throw new NotSupportedException(
                    $"The fractal heap id at byte offset {idOffset} names a huge object (heap id type 1, HDF5 1.8 and later, for attribute or link values " +
                    "larger than the heap's managed size), which this reader does not implement. Store the value in a dataset instead of an attribute.");
            default:
                throw new Hdf5FormatException("fractal heap id", idOffset,
                    $"heap id type {type} is reserved by the format; ids are managed (0), huge (1) or tiny (2).");
        }
    }

    private static bool IsPowerOfTwo(long v) => v > 0 && (v & (v - 1)) == 0;
    private static int Log2(long v) => v <= 0 ? 0 : 63 - (int)long.LeadingZeroCount(v);
    private static int EncodedSize(long v) => v <= 0 ? 1 : Log2(v) / 8 + 1;
}
