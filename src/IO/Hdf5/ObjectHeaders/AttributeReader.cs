namespace Tessera.IO.Hdf5;

/// <summary>
/// Reads an object's attributes: attribute messages in the header, plus dense storage (a
/// fractal heap of encoded attribute messages indexed by a v2 B-tree) when the header has
/// an attribute info message.
/// </summary>
internal static class AttributeReader
{
    public static IReadOnlyDictionary<string, Hdf5Attribute> Read(Hdf5Context ctx, ObjectHeader header)
    {
        var result = new Dictionary<string, Hdf5Attribute>(StringComparer.Ordinal);
        foreach (var m in header.All(MessageType.Attribute))
        {
            Add(ctx, result, m.Body, m.BodyOffset);
        }
        if (header.Find(MessageType.AttributeInfo) is { } aim)
        {
            var c = ctx.Cursor(aim.Body, aim.BodyOffset - ctx.Superblock.BaseAddress, "attribute info message");
            var info = DenseStorageInfo.ParseAttributeInfo(ref c);
            if (info.IsDense)
            {
                var heap = new FractalHeap(ctx, info.FractalHeapAddress);
                var (type, records) = BTreeV2.ReadAll(ctx, info.NameIndexAddress);
                if (type != 8)
                {
                    throw new Hdf5FormatException("v2 B-tree header", ctx.Absolute(info.NameIndexAddress, "v2 B-tree header"),
                        $"record type {type} found where the attribute name index (type 8) was expected.");
                }
                foreach (var record in records)
                {
                    if (record.Bytes.Length < 8)
                    {
                        throw new Hdf5FormatException("v2 B-tree attribute record", record.Offset, $"record of {record.Bytes.Length} bytes cannot hold an 8-byte heap id.");
                    }
                    // Record: 8-byte heap id, message flags, creation order, name hash.
                    var bytes = heap.Get(record.Bytes.AsSpan(0, 8), record.Offset);
                    Add(ctx, result, bytes, record.Offset);
                }
            }
        }
        return result;
    }

    private static void Add(Hdf5Context ctx, Dictionary<string, Hdf5Attribute> result, byte[] body, long offset)
    {
        var c = new ByteCursor(body, offset, "attribute message", ctx.OffsetSize, ctx.LengthSize);
        var m = AttributeMessage.Parse(ref c, address => SharedMessage.CommittedDatatype(ctx, address, 0));
        var value = ValueDecoder.Decode(ctx, m.Type, m.Space, m.Data, m.DataOffset);
        result[m.Name] = new Hdf5Attribute(m.Name, m.Type.ToPublic(), m.Space.Dimensions, value);
    }
}
