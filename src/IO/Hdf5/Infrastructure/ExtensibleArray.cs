namespace Tessera.IO.Hdf5;

/// <summary>
/// Extensible array ("EAHD", "EAIB", "EASB", "EADB"): the chunk index of datasets with one
/// unlimited axis. Elements live first in the index block, then in data blocks whose sizes
/// double every other super block; later data blocks are reached through secondary blocks.
/// The reader walks them in index order up to the header's "maximum index set".
/// </summary>
internal sealed class ExtensibleArray
{
    private const string Structure = "extensible array header";
    private readonly Hdf5Context _ctx;
    private readonly List<(long, byte[], long)> _result = [];
    private int _elementSize;
    private int _maxBits;
    private int _pageBits;
    private long _maxIndex;

    private ExtensibleArray(Hdf5Context ctx) => _ctx = ctx;

    public static IEnumerable<(long Index, byte[] Element, long Offset)> ReadAll(Hdf5Context ctx, long address)
    {
        var ea = new ExtensibleArray(ctx);
        ea.Read(address);
        return ea._result;
    }

    private void Read(long address)
    {
        int l = _ctx.LengthSize;
        var data = _ctx.Read(address, 4 + 8 + 6 * l + _ctx.OffsetSize + 4, Structure);
        var c = _ctx.Cursor(data, address, Structure);
        c.Signature("EAHD");
        c.Skip(2); // version, client id
        _elementSize = c.U8();
        _maxBits = c.U8();
        int indexElements = c.U8();
        int minElements = c.U8();
        int minPointers = c.U8();
        _pageBits = c.U8();
        c.Skip(4 * l);
        _maxIndex = c.LengthField();
        c.LengthField();
        long indexBlock = c.Address();
        Lookup3.Verify(data.AsSpan(0, c.Position), c.U32(), Structure, _ctx.Absolute(address, Structure));
        if (_elementSize == 0 || _maxBits is 0 or > 64 || _pageBits > 32 || minElements == 0 || minPointers == 0
            || (minElements & (minElements - 1)) != 0 || (minPointers & (minPointers - 1)) != 0
            || _maxIndex > _ctx.Source.Length / _elementSize + (1L << 20))
        {
            throw c.Fail("parameters are inconsistent (element size, bit widths, block minimums or element count).");
        }
        if (Address.IsDefined(indexBlock))
        {
            ReadIndexBlock(indexBlock, indexElements, minElements, minPointers);
        }
    }

    private void ReadIndexBlock(long address, int indexElements, int minElements, int minPointers)
    {
        const string structure = "extensible array index block";
        int superBlocks = 1 + _maxBits - Log2(minElements);
        int directSuper = 2 * Log2(minPointers);
        int directBlocks = 2 * (minPointers - 1);
        int secondary = Math.Max(0, superBlocks - directSuper);
        int o = _ctx.OffsetSize;
        long size = 4 + 2 + o + (long)indexElements * _elementSize + (long)(directBlocks + secondary) * o + 4;
        var data = _ctx.Read(address, size, structure);
        Lookup3.VerifyTrailing(data, structure, _ctx.Absolute(address, structure));
        var c = _ctx.Cursor(data, address, structure);
        c.Signature("EAIB");
        c.Skip(2 + o);
        long index = 0;
        for (int i = 0; i < indexElements; i++, index++)
        {
            long at = c.FileOffset;
            var element = c.Bytes(_elementSize).ToArray();
            if (index < _maxIndex)
            {
                _result.Add((index, element, at));
            }
        }
        var blockAddresses = new long[directBlocks];
        for (int i = 0; i < directBlocks; i++)
        {
            blockAddresses[i] = c.Address();
        }
        var superAddresses = new long[secondary];
        for (int i = 0; i < secondary; i++)
        {
            superAddresses[i] = c.Address();
        }
        int next = 0;
        for (int s = 0; s < superBlocks && index < _maxIndex; s++)
        {
            long blocks = 1L << (s / 2);
            long perBlock = (1L << ((s + 1) / 2)) * minElements;
            if (s < directSuper)
            {
                for (long d = 0; d < blocks; d++, index += perBlock)
                {
                    if (next < blockAddresses.Length && Address.IsDefined(blockAddresses[next]))
                    {
                        ReadDataBlock(blockAddresses[next], index, perBlock);
                    }
                    next++;
                }
            }
            else
            {
                long sb = superAddresses[s - directSuper];
                if (Address.IsDefined(sb))
                {
                    ReadSuperBlock(sb, index, blocks, perBlock);
                }
                index += blocks * perBlock;
            }
        }
    }

    private void ReadSuperBlock(long address, long firstIndex, long blocks, long perBlock)
    {
        const string structure = "extensible array secondary block";
        int o = _ctx.OffsetSize;
        int offsetBytes = (_maxBits + 7) / 8;
        long pageElements = 1L << _pageBits;
        long bitmap = perBlock > pageElements ? (blocks * (perBlock / pageElements) + 7) / 8 : 0;
        var data = _ctx.Read(address, _ctx.CheckSize(4 + 2 + o + offsetBytes + bitmap + blocks * o + 4, structure, address), structure);
        Lookup3.VerifyTrailing(data, structure, _ctx.Absolute(address, structure));
        var c = _ctx.Cursor(data, address, structure);
        c.Signature("EASB");
        c.Skip(2 + o + offsetBytes);
        // One bit per page of every data block (most significant bit first): pages never
        // written hold no valid entries, and may not even exist on disk yet.
        var pageBits = c.Bytes((int)bitmap).ToArray();
        long pagesPerBlock = perBlock > pageElements ? perBlock / pageElements : 0;
        for (long d = 0; d < blocks; d++)
        {
            long block = c.Address();
            long start = firstIndex + d * perBlock;
            if (Address.IsDefined(block) && start < _maxIndex)
            {
                long first = d * pagesPerBlock;
                ReadDataBlock(block, start, perBlock, p => (pageBits[(first + p) / 8] & (0x80 >> (int)((first + p) % 8))) != 0);
            }
        }
    }

    private void ReadDataBlock(long address, long firstIndex, long count, Func<long, bool>? pageInitialised = null)
    {
        const string structure = "extensible array data block";
        int prefix = 4 + 2 + _ctx.OffsetSize + (_maxBits + 7) / 8;
        long pageElements = 1L << _pageBits;
        if (count <= pageElements)
        {
            var data = _ctx.Read(address, _ctx.CheckSize(prefix + count * _elementSize + 4, structure, address), structure);
            Lookup3.VerifyTrailing(data, structure, _ctx.Absolute(address, structure));
            var c = _ctx.Cursor(data, address, structure);
            c.Signature("EADB");
            c.Position = prefix;
            Collect(ref c, firstIndex, count);
            return;
        }
        var head = _ctx.Read(address, prefix + 4, structure);
        var h = _ctx.Cursor(head, address, structure);
        h.Signature("EADB");
        Lookup3.VerifyTrailing(head, structure, _ctx.Absolute(address, structure));
        long pageAddress = address + prefix + 4;
        for (long p = 0; p < count / pageElements; p++)
        {
            long start = firstIndex + p * pageElements;
            if (start < _maxIndex && (pageInitialised is null || pageInitialised(p)))
            {
                var page = _ctx.Read(pageAddress, pageElements * _elementSize + 4, "extensible array data block page");
                Lookup3.VerifyTrailing(page, "extensible array data block page", _ctx.Absolute(pageAddress, structure));
                var pc = _ctx.Cursor(page, pageAddress, "extensible array data block page");
                Collect(ref pc, start, pageElements);
            }
            pageAddress += pageElements * _elementSize + 4;
        }
    }

    private void Collect(ref ByteCursor c, long firstIndex, long count)
    {
        for (long i = 0; i < count; i++)
        {
            long at = c.FileOffset;
            var element = c.Bytes(_elementSize).ToArray();
            if (firstIndex + i < _maxIndex)
            {
                _result.Add((firstIndex + i, element, at));
            }
        }
    }

    private static int Log2(long v) => 63 - (int)long.LeadingZeroCount(v);
}
