namespace Tessera.IO.Hdf5;

/// <summary>Finds and decodes the messages that describe a dataset, resolving shared (committed) datatypes.</summary>
internal static class DatasetMessages
{
    public static DataspaceMessage Dataspace(Hdf5Context ctx, ObjectHeader header)
    {
        var m = header.Require(MessageType.Dataspace, "dataspace");
        var c = Cursor(ctx, m, "dataspace message");
        return DataspaceMessage.Parse(ref c);
    }

    public static DatatypeMessage Datatype(Hdf5Context ctx, ObjectHeader header, int depth = 0)
    {
        var m = header.Require(MessageType.Datatype, "datatype");
        if (m.IsShared)
        {
            if (depth > 4)
            {
                throw new Hdf5FormatException("shared datatype", m.BodyOffset, "shared datatypes refer to each other in a loop.");
            }
            var sc = Cursor(ctx, m, "shared datatype message");
            int version = sc.U8();
            int type = sc.U8();
            if (version == 1)
            {
                sc.Skip(6);
            }
            if (version == 3 && type != 2)
            {
                throw sc.Fail("datatypes kept in the shared object header message heap are not supported; only committed datatypes are.");
            }
            return Datatype(ctx, ObjectHeader.Read(ctx, sc.Address()), depth + 1);
        }
        var c = Cursor(ctx, m, "datatype message");
        return DatatypeMessage.Parse(ref c);
    }

    public static DataLayoutMessage Layout(Hdf5Context ctx, ObjectHeader header)
    {
        var m = header.Require(MessageType.DataLayout, "data layout");
        var c = Cursor(ctx, m, "data layout message");
        return DataLayoutMessage.Parse(ref c);
    }

    public static IReadOnlyList<Hdf5Filter> Filters(Hdf5Context ctx, ObjectHeader header)
    {
        if (header.Find(MessageType.FilterPipeline) is not { } m)
        {
            return [];
        }
        var c = Cursor(ctx, m, "filter pipeline message");
        return FilterPipelineMessage.Parse(ref c);
    }

    public static byte[]? FillValue(Hdf5Context ctx, ObjectHeader header)
    {
        if (header.Find(MessageType.FillValue) is { } m)
        {
            var c = Cursor(ctx, m, "fill value message");
            return FillValueMessage.Parse(ref c);
        }
        if (header.Find(MessageType.FillValueOld) is { } old)
        {
            var c = Cursor(ctx, old, "old fill value message");
            return FillValueMessage.ParseOld(ref c);
        }
        return null;
    }

    private static ByteCursor Cursor(Hdf5Context ctx, HeaderMessage m, string structure) =>
        new(m.Body, m.BodyOffset, structure, ctx.OffsetSize, ctx.LengthSize);
}
