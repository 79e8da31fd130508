namespace Tessera.IO.Hdf5;

/// <summary>
/// Version-2 object headers ("OHDR" + checksummed chunks, continued in "OCHK" blocks). Message
/// headers are 4 bytes, plus 2 for the creation order when the header tracks attribute order.
/// </summary>
internal static class ObjectHeaderV2Reader
{
    private const string Structure = "object header v2";

    public static ObjectHeader Read(Hdf5Context ctx, long address)
    {
        var prefix = ctx.ReadUpTo(address, 64, Structure);
        var c = ctx.Cursor(prefix, address, Structure);
        c.Signature("OHDR");
        int version = c.U8();
        if (version != 2)
        {
            throw c.Fail($"version {version} found; \"OHDR\" headers are version 2.");
        }
        byte flags = c.U8();
        if ((flags & 0x20) != 0)
        {
            c.Skip(16); // access, modification, change and birth times
        }
        if ((flags & 0x10) != 0)
        {
            c.Skip(4); // attribute storage phase-change thresholds
        }
        long chunkSize = (long)c.UInt(1 << (flags & 0x03));
        int prefixLength = c.Position;
        bool tracksOrder = (flags & 0x04) != 0;
        ctx.CheckSize(chunkSize, Structure, c.FileOffset);
        // Chunk 0 = prefix + messages + 4-byte checksum, all covered by that checksum.
        var chunk0 = ctx.Read(address, prefixLength + chunkSize + 4, Structure);
        Lookup3.VerifyTrailing(chunk0, Structure, ctx.Absolute(address, Structure));
        var messages = new List<HeaderMessage>();
        var pending = new Queue<(long, long)>();
        ParseMessages(ctx, chunk0, address, prefixLength, chunk0.Length - 4, tracksOrder, messages, pending);
        var visited = new HashSet<long> { address };
        while (pending.Count > 0)
        {
            var (blockAddress, length) = pending.Dequeue();
            if (!visited.Add(blockAddress) || visited.Count > 10_000)
            {
                throw new Hdf5FormatException(Structure, blockAddress, "continuation blocks form a cycle.");
            }
            var block = ctx.Read(blockAddress, ctx.CheckSize(length, Structure, blockAddress), "object header continuation (OCHK)");
            var bc = ctx.Cursor(block, blockAddress, "object header continuation (OCHK)");
            bc.Signature("OCHK");
            Lookup3.VerifyTrailing(block, "object header continuation (OCHK)", ctx.Absolute(blockAddress, Structure));
            ParseMessages(ctx, block, blockAddress, 4, block.Length - 4, tracksOrder, messages, pending);
        }
        return new ObjectHeader(address, 2, messages);
    }

    private static void ParseMessages(Hdf5Context ctx, byte[] block, long blockAddress, int start, int end, bool tracksOrder,
        List<HeaderMessage> messages, Queue<(long, long)> pending)
    {
        var c = ctx.Cursor(block.AsSpan(0, end).ToArray(), blockAddress, Structure);
        c.Position = start;
        int headerSize = tracksOrder ? 6 : 4;
        // Space too small for a message header at the end of a chunk is a gap, not a message.
        while (c.Remaining >= headerSize)
        {
            int type = c.U8();
            int size = c.U16();
            byte flags = c.U8();
            if (tracksOrder)
            {
                c.Skip(2);
            }
            long bodyOffset = c.FileOffset;
            var body = c.Bytes(size).ToArray();
            if (messages.Count > 1_000_000)
            {
                throw new Hdf5FormatException(Structure, bodyOffset, "holds an implausible number of messages.");
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
