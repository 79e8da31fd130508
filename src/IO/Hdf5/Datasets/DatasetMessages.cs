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
            var sc = Cursor(ctx, m, "shared datatype message");
            return SharedMessage.CommittedDatatype(ctx, SharedMessage.ParseAddress(ref sc), depth);
        }
        var c = Cursor(ctx, m, "datatype message");
        return DatatypeMessage.Parse(ref c);
    }

    public static DataLayoutMessage Layout(Hdf5Context ctx, ObjectHeader header)
    {
        var m = header.Require(MessageType.DataLayout, "data layout");
        ExternalFileListMessage.ThrowIfPresent(ctx, header);
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
