namespace Tessera.IO.Hdf5;

/// <summary>
/// Fixed array ("FAHD" + "FADB"): the chunk index of datasets whose maximum shape is fixed.
/// Element i describes chunk i in row-major chunk order. Large arrays are split into pages,
/// each followed by its own checksum.
/// </summary>
internal static class FixedArray
{
    private const string Structure = "fixed array header";

    /// <summary>Returns each element's raw bytes with its index; the caller decodes them.</summary>
    public static IEnumerable<(long Index, byte[] Element, long Offset)> ReadAll(Hdf5Context ctx, long address)
    {
        var data = ctx.Read(address, 4 + 4 + ctx.LengthSize + ctx.OffsetSize + 4, Structure);
        var c = ctx.Cursor(data, address, Structure);
        c.Signature("FAHD");
        c.Skip(2); // version, client id
        int elementSize = c.U8();
        int pageBits = c.U8();
        long count = c.LengthField();
        long blockAddress = c.Address();
        Lookup3.Verify(data.AsSpan(0, c.Position), c.U32(), Structure, ctx.Absolute(address, Structure));
        if (elementSize == 0 || pageBits > 32 || count > ctx.Source.Length / elementSize + 1)
        {
            throw c.Fail($"{count} elements of {elementSize} bytes (page bits {pageBits}) cannot fit in this file.");
        }
        var result = new List<(long, byte[], long)>();
        if (!Address.IsDefined(blockAddress) || count == 0)
        {
            return result;
        }
        long pageElements = 1L << pageBits;
        const string block = "fixed array data block";
        int prefix = 4 + 1 + 1 + ctx.OffsetSize;
        if (count <= pageElements)
        {
            var bytes = ctx.Read(blockAddress, prefix + count * elementSize + 4, block);
            var b = ctx.Cursor(bytes, blockAddress, block);
            b.Signature("FADB");
            Lookup3.VerifyTrailing(bytes, block, ctx.Absolute(blockAddress, block));
            b.Position = prefix;
            for (long i = 0; i < count; i++)
            {
                long at = b.FileOffset;
                result.Add((i, b.Bytes(elementSize).ToArray(), at));
            }
            return result;
        }
        long pages = (count + pageElements - 1) / pageElements;
        int bitmap = (int)((pages + 7) / 8);
        var head = ctx.Read(blockAddress, prefix + bitmap + 4, block);
        var h = ctx.Cursor(head, blockAddress, block);
        h.Signature("FADB");
        Lookup3.VerifyTrailing(head, block, ctx.Absolute(blockAddress, block));
        long pageAddress = blockAddress + head.Length;
        for (long p = 0; p < pages; p++)
        {
            long inPage = Math.Min(pageElements, count - p * pageElements);
            bool initialised = (head[prefix + (int)(p / 8)] & (0x80 >> (int)(p % 8))) != 0;
            long pageBytes = inPage * elementSize + 4;
            if (initialised)
            {
                var page = ctx.Read(pageAddress, pageBytes, "fixed array data block page");
                Lookup3.VerifyTrailing(page, "fixed array data block page", ctx.Absolute(pageAddress, block));
                var pc = ctx.Cursor(page, pageAddress, "fixed array data block page");
                for (long i = 0; i < inPage; i++)
                {
                    long at = pc.FileOffset;
                    result.Add((p * pageElements + i, pc.Bytes(elementSize).ToArray(), at));
                }
            }
            // Every page occupies its full size whether or not it was initialised.
            pageAddress += pageElements * elementSize + 4;
        }
        return result;
    }
}
