namespace Tessera.IO.Hdf5.Writing;

/// <summary>
/// Object header version 1: a 16-byte prefix (version, message count, reference count,
/// body size) and messages of an 8-byte header plus a body padded to 8 bytes.
/// </summary>
internal sealed class ObjectHeaderV1
{
    private const int FlagConstant = 0x01;
    private readonly List<(int Type, byte[] Body, int Flags)> _messages = [];

    public ObjectHeaderV1 Add(int type, byte[] body, bool constant = false)
    {
        _messages.Add((type, body, constant ? FlagConstant : 0));
        return this;
    }

    public byte[] Encode()
    {
        var body = new MetadataBuffer();
        foreach (var (type, data, flags) in _messages)
        {
            var padded = (data.Length + 7) & ~7;
            if (padded > ushort.MaxValue)
            {
                throw new NotSupportedException(
                    $"An HDF5 header message of {data.Length} bytes does not fit a version 1 object header (64 KiB at most); " +
                    "store large values as datasets instead of attributes.");
            }
            body.U16(type).U16(padded).U8(flags).Zeros(3).Bytes(data).PadTo(8);
        }
        var header = new MetadataBuffer();
        header.U8(1).U8(0).U16(_messages.Count).U32(1).U32(body.Length).Zeros(4);
        header.Bytes(body.Span);
        return header.ToArray();
    }
}
