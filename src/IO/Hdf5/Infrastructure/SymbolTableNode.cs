namespace Tessera.IO.Hdf5;

/// <summary>Symbol table node ("SNOD"): up to 2K entries (name offset, object header address).</summary>
internal static class SymbolTableNode
{
    private const string Structure = "symbol table node";

    public static IEnumerable<(long NameOffset, long HeaderAddress)> Read(Hdf5Context ctx, long address)
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
        var entries = new List<(long, long)>(count);
        for (int i = 0; i < count; i++)
        {
            long nameOffset = b.Address();
            long headerAddress = b.Address();
            b.Skip(24); // cache type, reserved, scratch pad
            entries.Add((nameOffset, headerAddress));
        }
        return entries;
    }
}
