namespace Tessera.IO.Hdf5;

/// <summary>A decoded object header: the messages of every continuation block, in order.</summary>
internal sealed class ObjectHeader
{
    public ObjectHeader(long address, int version, IReadOnlyList<HeaderMessage> messages)
    {
        Address = address;
        Version = version;
        Messages = messages;
    }

    public long Address { get; }
    public int Version { get; }
    public IReadOnlyList<HeaderMessage> Messages { get; }

    public HeaderMessage? Find(int type) => Messages.FirstOrDefault(m => m.Type == type);

    public IEnumerable<HeaderMessage> All(int type) => Messages.Where(m => m.Type == type);

    public HeaderMessage Require(int type, string what) =>
        Find(type) ?? throw new Hdf5FormatException("object header", Address,
            $"has no {what} message (type 0x{type:x4}); a {what} message is required here.");

    /// <summary>Reads the object header at <paramref name="address"/>: v1 (no signature) or v2 ("OHDR").</summary>
    public static ObjectHeader Read(Hdf5Context ctx, long address)
    {
        var first = ctx.ReadUpTo(address, 16, "object header");
        if (first.Length >= 4 && first[0] == 'O' && first[1] == 'H' && first[2] == 'D' && first[3] == 'R')
        {
            return ObjectHeaderV2Reader.Read(ctx, address);
        }
        return ObjectHeaderV1Reader.Read(ctx, address, first);
    }
}
