namespace Tessera.IO.Hdf5;

/// <summary>
/// Link info (0x0002) and attribute info (0x0015) messages: where dense storage lives (a
/// fractal heap plus a name-indexed v2 B-tree). Undefined addresses mean compact storage.
/// </summary>
internal sealed record DenseStorageInfo(long FractalHeapAddress, long NameIndexAddress)
{
    public bool IsDense => Address.IsDefined(FractalHeapAddress);

    public static DenseStorageInfo ParseLinkInfo(ref ByteCursor c)
    {
        Version(ref c, "link info");
        int flags = c.U8();
        if ((flags & 1) != 0)
        {
            c.Skip(8); // maximum creation index
        }
        return new DenseStorageInfo(c.Address(), c.Address());
    }

    public static DenseStorageInfo ParseAttributeInfo(ref ByteCursor c)
    {
        Version(ref c, "attribute info");
        int flags = c.U8();
        if ((flags & 1) != 0)
        {
            c.Skip(2); // maximum creation index
        }
        return new DenseStorageInfo(c.Address(), c.Address());
    }

    private static void Version(ref ByteCursor c, string what)
    {
        int version = c.U8();
        if (version != 0)
        {
            throw c.Fail($"{what} message version {version} is not valid (0 expected).");
        }
    }
}
