namespace Tessera.IO.Hdf5;

/// <summary>Local heap ("HEAP"): the names of an old-style group's members.</summary>
internal sealed class LocalHeap
{
    private const string Structure = "local heap";
    private readonly byte[] _data;
    private readonly long _dataOffset;

    private LocalHeap(byte[] data, long dataOffset)
    {
        _data = data;
        _dataOffset = dataOffset;
    }

    public static LocalHeap Read(Hdf5Context ctx, long address)
    {
        var header = ctx.Read(address, 8 + 2 * ctx.LengthSize + ctx.OffsetSize, Structure);
        var c = ctx.Cursor(header, address, Structure);
        c.Signature("HEAP");
        int version = c.U8();
        if (version != 0)
        {
            throw c.Fail($"version {version} found; local heaps are version 0.");
        }
        c.Skip(3);
        long size = ctx.CheckSize(c.LengthField(), Structure, c.FileOffset);
        c.LengthField(); // free list head
        long dataAddress = c.Address();
        return new LocalHeap(ctx.Read(dataAddress, size, "local heap data segment"), ctx.Absolute(dataAddress, Structure));
    }

    /// <summary>The NUL-terminated string at <paramref name="offset"/> in the data segment.</summary>
    public string StringAt(long offset)
    {
        if (offset < 0 || offset >= _data.Length)
        {
            throw new Hdf5FormatException(Structure, _dataOffset,
                $"name offset {offset} lies outside the heap's {_data.Length}-byte data segment.");
        }
        var span = _data.AsSpan((int)offset);
        int end = span.IndexOf((byte)0);
        if (end < 0)
        {
            throw new Hdf5FormatException(Structure, _dataOffset + offset, "name is not NUL-terminated.");
        }
        return System.Text.Encoding.UTF8.GetString(span[..end]);
    }
}
