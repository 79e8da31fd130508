namespace Tessera.IO.Hdf5;

/// <summary>Symbol table message (0x0011): an old-style group's B-tree and local heap.</summary>
internal sealed record SymbolTableMessage(long BTreeAddress, long LocalHeapAddress)
{
    public static SymbolTableMessage Parse(ref ByteCursor c) => new(c.Address(), c.Address());
}
