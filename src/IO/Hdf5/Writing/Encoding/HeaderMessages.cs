namespace Tessera.IO.Hdf5.Writing;

/// <summary>
/// Bodies of the object header messages the writer emits, each in the earliest version
/// every reader understands (see hdf5-format-notes.md, "What a minimal writer should emit").
/// </summary>
internal static class HeaderMessages
{
    /// <summary>Dataspace v1: rank, then the dimensions; no maximum dimensions (fixed size). Rank 0 is a scalar.</summary>
    public static byte[] SimpleDataspace(ReadOnlySpan<long> shape)
    {
        var m = new MetadataBuffer();
        m.U8(1).U8(shape.Length).U8(0).U8(0).U32(0);
        foreach (var d in shape)
        {
            m.U64(d);
        }
        return m.ToArray();
    }

    /// <summary>
    /// Fill value v2: allocation late (contiguous) or incremental (chunked), written when set.
    /// Without a value the fill is defined with size 0, which readers take as zeros.
    /// </summary>
    public static byte[] Fill(bool chunked, ReadOnlySpan<byte> value)
    {
        var m = new MetadataBuffer();
        m.U8(2).U8(chunked ? 3 : 2).U8(2).U8(1).U32(value.Length).Bytes(value);
        return m.ToArray();
    }

    /// <summary>Layout v3, contiguous: address and byte size of the data.</summary>
    public static byte[] ContiguousLayout(long address, long size) =>
        new MetadataBuffer().U8(3).U8(1).U64(address).U64(size).ToArray();

    /// <summary>
    /// Layout v3, chunked: B-tree address and chunk dims with the element size as the last dim.
    /// A null address (no chunk written) is HDF5's undefined address: every element reads as the fill value.
    /// </summary>
    public static byte[] ChunkedLayout(long? btreeAddress, ReadOnlySpan<long> chunkShape, int elementSize)
    {
        var m = new MetadataBuffer();
        m.U8(3).U8(2).U8(chunkShape.Length + 1);
        if (btreeAddress is { } address)
        {
            m.U64(address);
        }
        else
        {
            m.U64(MetadataBuffer.UndefinedAddress);
        }
        foreach (var c in chunkShape)
        {
            m.U32(c);
        }
        m.U32(elementSize);
        return m.ToArray();
    }

    /// <summary>Filter pipeline v1: shuffle (id 2, element size) then deflate (id 1, level), as h5py orders them.</summary>
    public static byte[] Filters(bool shuffle, int deflateLevel, int elementSize)
    {
        var filters = new List<(int Id, int Value)>();
        if (shuffle)
        {
            filters.Add((2, elementSize));
        }
        if (deflateLevel > 0)
        {
            filters.Add((1, deflateLevel));
        }
        var m = new MetadataBuffer();
        m.U8(1).U8(filters.Count).Zeros(6);
        foreach (var (id, value) in filters)
        {
            // id, name length 0 (predefined filter), flags 0 (mandatory), one client value + v1 padding.
            m.U16(id).U16(0).U16(0).U16(1).U32(value).U32(0);
        }
        return m.ToArray();
    }

    /// <summary>Symbol table message: the group's B-tree and local heap.</summary>
    public static byte[] SymbolTableMessage(long btreeAddress, long heapAddress) =>
        new MetadataBuffer().U64(btreeAddress).U64(heapAddress).ToArray();

    /// <summary>Attribute v1: name, datatype and dataspace each padded to 8 bytes, then the raw value.</summary>
    public static byte[] AttributeMessage(string name, byte[] datatype, byte[] dataspace, ReadOnlySpan<byte> data)
    {
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        var m = new MetadataBuffer();
        m.U8(1).U8(0).U16(nameBytes.Length + 1).U16(datatype.Length).U16(dataspace.Length);
        m.Bytes(nameBytes).U8(0).PadTo(8);
        m.Bytes(datatype).PadTo(8);
        m.Bytes(dataspace).PadTo(8);
        m.Bytes(data);
        return m.ToArray();
    }
}
