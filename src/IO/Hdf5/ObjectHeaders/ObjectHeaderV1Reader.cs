namespace Tessera.IO.Hdf5;

/// <summary>
/// Version-1 object headers: a 16-byte prefix, then 8-byte-aligned messages, continued in
/// blocks named by continuation messages (which have no signature in version 1).
/// </summary>
internal static class ObjectHeaderV1Reader
{
    private const string Structure = "object header v1";

    public static ObjectHeader Read(Hdf5Context ctx, long address, byte[] prefix)
    {
        var c = ctx.Cursor(prefix, address, Structure);
        int version = c.U8();
        if (version != 1)
        {
            throw new Hdf5FormatException(Structure, ctx.Absolute(address, Structure),
                $"version byte is {version}; expected 1 (or the \"OHDR\" signature of version 2). The address does not point at an object header.");
        }
        c.Skip(1);
        int messageCount = c.U16();
        c.U32(); // reference count
        long size = c.U32();
        ctx.CheckSize(size, Structure, c.FileOffset);
        var messages = new List<HeaderMessage>();
        var pending = new Queue<(long Address, long Length)>();
        var visited = new HashSet<long>();
        // The first block starts after the 16-byte prefix (12 bytes + 4 of alignment padding).
        pending.Enqueue((address + 16, size));
        while (pending.Count > 0)
        {
            var (blockAddress, length) = pending.Dequeue();
            if (!visited.Add(blockAddress) || visited.Count > 10_000)
            {
                throw new Hdf5FormatException(Structure, blockAddress, "continuation blocks form a cycle.");
            }
            ReadBlock(ctx, blockAddress, length, messages, pending, messageCount);
        }
        return new ObjectHeader(address, 1, messages);
    }

    private static void ReadBlock(Hdf5Context ctx, long blockAddress, long length, List<HeaderMessage> messages,
        Queue<(long, long)> pending, int messageCount)
    {
        var data = ctx.Read(blockAddress, ctx.CheckSize(length, Structure, blockAddress), Structure);
        var c = ctx.Cursor(data, blockAddress, Structure);
        while (c.Remaining >= 8)
        {
            int type = c.U16();
            int size = c.U16();
            byte flags = c.U8();
            c.Skip(3);
            long bodyOffset = c.FileOffset;
            var body = c.Bytes(size).ToArray();
            c.AlignTo(8);
            if (messages.Count > Math.Max(messageCount, 1) * 4 + 1024)
            {
                throw new Hdf5FormatException(Structure, bodyOffset, $"holds far more messages than the {messageCount} its prefix declares.");
            }
            if (type == MessageType.Continuation)
            {
                var cc = ctx.Cursor(body, bodyOffset - ctx.Superblock.BaseAddress, "continuation message");
                pending.Enqueue((cc.Address(), cc.LengthField()));
                continue;
            }
            if (type != MessageType.Nil)
            {
                messages.Add(new HeaderMessage(type, flags, body, bodyOffset));
            }
        }
    }
}
