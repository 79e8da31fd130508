namespace Tessera.IO.Hdf5;

/// <summary>Link message (0x0006): a named hard, soft or external link of a new-style group.</summary>
internal sealed record LinkMessage(string Name, int LinkType, long Address, long CreationOrder, string? SoftPath = null)
{
    public const int Hard = 0;
    public const int Soft = 1;
    public const int External = 64;

    public static LinkMessage Parse(ref ByteCursor c)
    {
        long start = c.FileOffset;
        int version = c.U8();
        if (version != 1)
        {
            throw new Hdf5FormatException(c.Structure, start, $"link message version {version} is not valid (1 expected).");
        }
        int flags = c.U8();
        int linkType = (flags & 0x08) != 0 ? c.U8() : Hard;
        long order = (flags & 0x04) != 0 ? (long)c.U64() : -1;
        if ((flags & 0x10) != 0)
        {
            c.Skip(1); // name character set
        }
        long nameLength = (long)c.UInt(1 << (flags & 0x03));
        if (nameLength <= 0 || nameLength > c.Remaining)
        {
            throw new Hdf5FormatException(c.Structure, start, $"link name length {nameLength} does not fit the message ({c.Remaining} bytes left).");
        }
        string name = System.Text.Encoding.UTF8.GetString(c.Bytes((int)nameLength));
        long address = Hdf5.Address.Undefined;
        string? softPath = null;
        if (linkType == Hard)
        {
            address = c.Address();
        }
        else if (linkType == Soft)
        {
            softPath = System.Text.Encoding.UTF8.GetString(c.Bytes(c.U16()));
        }
        return new LinkMessage(name, linkType, address, order, softPath);
    }
}
