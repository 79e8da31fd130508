namespace Tessera.IO.Hdf5;

/// <summary>
/// Attribute values that hold object references, as netCDF4 writes them: references
/// (<see cref="Hdf5ObjectReference"/>[]), variable-length sequences of references
/// (DIMENSION_LIST: <see cref="Hdf5ObjectReference"/>[][], one list per axis) and compounds
/// (REFERENCE_LIST: <see cref="Hdf5Columns"/>). Null for any other type (kept as raw bytes).
/// </summary>
internal static class ReferenceValues
{
    public static object? Decode(Hdf5Context ctx, DatatypeMessage type, byte[] data, long count, bool scalar, long offset)
    {
        if ((long)type.Size * count > data.Length)
        {
            return null;
        }
        switch (type.Class)
        {
            case Hdf5TypeClass.Reference when type.Size == ctx.OffsetSize:
                {
                    var refs = (Hdf5ObjectReference[])ColumnDecoder.Column(ctx, type, data, (int)count, type.Size, 0, offset);
                    return scalar ? refs[0] : refs;
                }
            case Hdf5TypeClass.VariableLength when !type.IsVariableLengthString && type.BaseType is { Class: Hdf5TypeClass.Reference } b
                && b.Size == ctx.OffsetSize && type.Size == 4 + ctx.OffsetSize + 4:
                {
                    var lists = new Hdf5ObjectReference[count][];
                    for (int i = 0; i < count; i++)
                    {
                        var c = new ByteCursor(data.AsSpan(i * type.Size, type.Size), offset + i * type.Size, "variable-length sequence", ctx.OffsetSize, ctx.LengthSize);
                        long length = c.U32();
                        long collection = c.Address();
                        int index = (int)c.U32();
                        if (length == 0 || !Address.IsDefined(collection))
                        {
                            lists[i] = [];
                            continue;
                        }
                        var bytes = ctx.GlobalHeaps.Get(collection, index);
                        if (length * b.Size > bytes.Length)
                        {
                            throw new Hdf5FormatException("variable-length sequence", offset + i * type.Size,
                                $"declares {length} references but its global heap object holds {bytes.Length} bytes.");
                        }
                        lists[i] = (Hdf5ObjectReference[])ColumnDecoder.Column(ctx, b, bytes, (int)length, b.Size, 0, offset);
                    }
                    return lists;
                }
            case Hdf5TypeClass.Compound:
                return ColumnDecoder.Decode(ctx, type, data, count, offset);
            default:
                return null;
        }
    }
}
