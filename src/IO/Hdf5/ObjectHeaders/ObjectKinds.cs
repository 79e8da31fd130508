namespace Tessera.IO.Hdf5;

/// <summary>Tells groups, datasets and committed datatypes apart by the messages they carry.</summary>
internal static class ObjectKinds
{
    public static bool IsDataset(ObjectHeader h) => h.Find(MessageType.DataLayout) is not null;

    public static bool IsGroup(ObjectHeader h) =>
        !IsDataset(h) && (h.Find(MessageType.SymbolTable) is not null || h.Find(MessageType.LinkInfo) is not null
            || h.Find(MessageType.Link) is not null || h.Find(MessageType.GroupInfo) is not null || h.Find(MessageType.Datatype) is null);

    public static string Describe(ObjectHeader h) => IsDataset(h) ? "a dataset" : IsGroup(h) ? "a group" : "a named datatype";
}
