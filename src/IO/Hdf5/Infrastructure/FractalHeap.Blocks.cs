namespace Tessera.IO.Hdf5;

/// <summary>Walking the doubling table: indirect blocks lead to direct blocks, each at a heap offset.</summary>
internal sealed partial class FractalHeap
{
    private byte[] GetManaged(long offset, long length, long idOffset)
    {
        var blocks = _blocks ??= EnumerateBlocks();
        // Blocks are in heap-offset order; a linear scan is fine for the small heaps of links and attributes.
        foreach (var block in blocks)
        {
            if (offset >= block.HeapOffset && offset < block.HeapOffset + block.Size)
            {
                long within = offset - block.HeapOffset;
                if (length < 0 || within + length > block.Size)
                {
                    throw new Hdf5FormatException("fractal heap id", idOffset,
                        $"object of {length} bytes at heap offset {offset} runs past its {block.Size}-byte direct block.");
                }
                return LoadDirectBlock(block).AsSpan((int)within, (int)length).ToArray();
            }
        }
        throw new Hdf5FormatException("fractal heap id", idOffset, $"heap offset {offset} is not inside any allocated direct block.");
    }

    private List<DirectBlock> EnumerateBlocks()
    {
        var blocks = new List<DirectBlock>();
        if (!Address.IsDefined(_rootAddress))
        {
            return blocks;
        }
        if (_rootRows == 0)
        {
            blocks.Add(new DirectBlock(0, _rootAddress, _startBlockSize));
            return blocks;
        }
        var visited = new HashSet<long>();
        WalkIndirect(_rootAddress, 0, _rootRows, blocks, visited, 0);
        return blocks;
    }

    private long RowBlockSize(int row) => row == 0 ? _startBlockSize : _startBlockSize << Math.Min(row - 1, 62 - Log2(_startBlockSize));

    private void WalkIndirect(long address, long heapOffset, int rows, List<DirectBlock> blocks, HashSet<long> visited, int depth)
    {
        const string structure = "fractal heap indirect block";
        if (!visited.Add(address) || depth > 64)
        {
            throw new Hdf5FormatException(structure, _ctx.Absolute(address, structure), "block is reachable twice: the heap has a cycle.");
        }
        int directRows = Math.Min(rows, _maxDirectRows);
        long entries = (long)_tableWidth * rows;
        long size = 4 + 1 + _ctx.OffsetSize + _offsetBytes + entries * _ctx.OffsetSize + 4;
        var data = _ctx.Read(address, _ctx.CheckSize(size, structure, address), structure);
        Lookup3.VerifyTrailing(data, structure, _ctx.Absolute(address, structure));
        var c = _ctx.Cursor(data, address, structure);
        c.Signature("FHIB");
        c.Skip(1 + _ctx.OffsetSize + _offsetBytes);
        long offset = heapOffset;
        for (int row = 0; row < rows; row++)
        {
            long rowSize = RowBlockSize(row);
            for (int col = 0; col < _tableWidth; col++)
            {
                long child = c.Address();
                if (Address.IsDefined(child))
                {
                    if (row < directRows)
                    {
                        blocks.Add(new DirectBlock(offset, child, rowSize));
                    }
                    else
                    {
                        int childRows = Log2(rowSize) - Log2(_startBlockSize * _tableWidth) + 1;
                        WalkIndirect(child, offset, childRows, blocks, visited, depth + 1);
                    }
                }
                offset += rowSize;
            }
        }
    }

    private byte[] LoadDirectBlock(DirectBlock block)
    {
        if (_loaded.TryGetValue(block.Address, out var cached))
        {
            return cached;
        }
        var data = _ctx.Read(block.Address, block.Size, DirectBlockStructure);
        CheckDirectBlock(data, block.Address, block.HeapOffset);
        _loaded[block.Address] = data;
        return data;
    }

    private void CheckDirectBlock(byte[] data, long address, long expectedOffset)
    {
        var c = _ctx.Cursor(data, address, DirectBlockStructure);
        c.Signature("FHDB");
        c.Skip(1);
        long heap = c.Address();
        if (heap != _address)
        {
            throw c.Fail($"belongs to the heap at {heap}, not to this heap at {_address}.");
        }
        long stored = (long)c.UInt(_offsetBytes);
        if (stored != expectedOffset)
        {
            throw c.Fail($"block offset {stored} found where {expectedOffset} was expected.");
        }
        if (_checksummedDirectBlocks)
        {
            // The checksum sits inside the block it covers, so it is computed with its own field zeroed.
            int at = c.Position;
            uint checksum = c.U32();
            var copy = (byte[])data.Clone();
            copy.AsSpan(at, 4).Clear();
            Lookup3.Verify(copy, checksum, DirectBlockStructure, _ctx.Absolute(address, DirectBlockStructure));
        }
    }
}
