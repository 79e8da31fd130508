namespace Tessera.IO.Hdf5;

/// <summary>
/// Fill value: message 0x0005 versions 1-3, or the old message 0x0004. Only the bytes matter
/// to the reader: chunks never written read as these bytes (zeros when no value is defined).
/// </summary>
internal static class FillValueMessage
{
    /// <summary>Returns the defined fill value bytes, or null when none is defined.</summary>
    public static byte[]? Parse(ref ByteCursor c)
    {
        long start = c.FileOffset;
        int version = c.U8();
        switch (version)
        {
            case 1:
            case 2:
                {
                    c.Skip(2); // allocation time, write time
                    bool defined = c.U8() != 0;
                    if (version == 1 || defined)
                    {
                        return ReadValue(ref c);
                    }
                    return null;
                }
            case 3:
                {
                    int flags = c.U8();
                    return (flags & 0x20) != 0 ? ReadValue(ref c) : null;
                }
            default:
                throw new Hdf5FormatException(c.Structure, start, $"fill value message version {version} is not valid (1 to 3 expected).");
        }
    }

    /// <summary>The old fill value message (0x0004): size and bytes only.</summary>
    public static byte[]? ParseOld(ref ByteCursor c) => ReadValue(ref c);

    private static byte[]? ReadValue(ref ByteCursor c)
    {
        if (c.Remaining < 4)
        {
            return null;
        }
        int size = (int)Math.Min(c.U32(), int.MaxValue);
        return size == 0 ? null : c.Bytes(size).ToArray();
    }
}
