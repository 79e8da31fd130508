namespace Tessera.IO.Hdf5;

/// <summary>Symbol table node ("SNOD"): up to 2K entries (name offset, object header address).</summary>
internal static class SymbolTableNode
{
    private const string Structure = "symbol table node";

    /// <summary>One entry; cache type 2 marks a soft link whose target path is at <c>SoftLinkOffset</c> in the local heap.</summary>
    internal readonly record struct Entry(long NameOffset, long HeaderAddress, int CacheType, long SoftLinkOffset);

    public static List<Entry> Read(Hdf5Context ctx, long address)
    {
        var header = ctx.Read(address, 8, Structure);
        var c = ctx.Cursor(header, address, Structure);
        c.Signature("SNOD");
        int version = c.U8();
        if (version != 1)
        {
            throw c.Fail($"version {version} found; symbol table nodes are version 1.");
        }
        c.Skip(1);
        int count = c.U16();
        int entrySize = 2 * ctx.OffsetSize + 24;
        var body = ctx.Read(address + 8, (long)count * entrySize, Structure);
        var b = ctx.Cursor(body, address + 8, Structure);
        var entries = new List<Entry>(count);
        for (int i = 0; i < count; i++)
        {
            long nameOffset = b.Address();
            long headerAddress = b.Address();
            int cacheType = (int)b.U32();
            b.Skip(4);
            long softOffset = b.U32();
            b.Skip(12); // rest of the 16-byte scratch pad
            entries.Add(new Entry(nameOffset, headerAddress, cacheType, softOffset));
        }
        return entries;
    }
}
