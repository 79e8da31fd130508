namespace Tessera.IO.Hdf5;

/// <summary>
/// Attribute message (0x000C): version 1 pads name, datatype and dataspace to 8 bytes;
/// versions 2 and 3 pack them (3 adds the name's character set).
/// </summary>
internal sealed class AttributeMessage
{
    public required string Name { get; init; }
    public required DatatypeMessage Type { get; init; }
    public required DataspaceMessage Space { get; init; }
    public required byte[] Data { get; init; }
    public long DataOffset { get; init; }

    /// <param name="c">The message body.</param>
    /// <param name="committedType">Resolves a committed datatype from its object header address.</param>
    public static AttributeMessage Parse(ref ByteCursor c, Func<long, DatatypeMessage> committedType)
    {
        long start = c.FileOffset;
        int version = c.U8();
        if (version is < 1 or > 3)
        {
            throw new Hdf5FormatException(c.Structure, start, $"attribute message version {version} is not valid (1 to 3 expected).");
        }
        int flags = c.U8();
        if (version > 1 && (flags & 0x02) != 0)
        {
            throw new NotSupportedException(
                $"The attribute at byte offset {start} (attribute message version {version}, HDF5 1.6 and later) uses a shared dataspace, which this reader " +
                "does not implement. Rewrite the attribute without sharing (h5py writes each attribute with its own dataspace).");
        }
        int nameSize = c.U16();
        int typeSize = c.U16();
        int spaceSize = c.U16();
        if (version == 3)
        {
            c.Skip(1); // name character set; names are decoded as UTF-8, a superset of ASCII
        }
        var nameBytes = c.Bytes(Padded(nameSize, version));
        int nul = nameBytes.IndexOf((byte)0);
        string name = System.Text.Encoding.UTF8.GetString(nul < 0 ? nameBytes : nameBytes[..nul]);
        var typeBytes = c.Bytes(Padded(typeSize, version));
        var tc = new ByteCursor(typeBytes, c.FileOffset - typeBytes.Length, "attribute datatype", c.OffsetSize, c.LengthSize);
        // Attributes whose type is a named (committed) datatype store a reference to it instead.
        var type = version > 1 && (flags & 0x01) != 0 ? committedType(SharedMessage.ParseAddress(ref tc)) : DatatypeMessage.Parse(ref tc);
        var spaceBytes = c.Bytes(Padded(spaceSize, version));
        var sc = new ByteCursor(spaceBytes, c.FileOffset - spaceBytes.Length, "attribute dataspace", c.OffsetSize, c.LengthSize);
        var space = DataspaceMessage.Parse(ref sc);
        long count = space.ElementCount;
        // Compared in floating point so a corrupt element count cannot overflow the product.
        if ((double)count * type.Size > c.Remaining)
        {
            throw c.Fail($"attribute \"{name}\" needs {(double)count * type.Size} data bytes ({count} elements of {type.Size}) but only {c.Remaining} remain.");
        }
        long dataOffset = c.FileOffset;
        return new AttributeMessage { Name = name, Type = type, Space = space, Data = c.Bytes((int)(count * type.Size)).ToArray(), DataOffset = dataOffset };
    }

    private static int Padded(int size, int version) => version == 1 ? (size + 7) / 8 * 8 : size;
}
