namespace Tessera.IO.Hdf5;

/// <summary>
/// Lists a group's links, whichever way the group stores them: a symbol table (v1 B-tree,
/// SNODs, local heap), link messages in the header, or dense storage (fractal heap + v2 B-tree).
/// </summary>
internal static class LinkReader
{
    public static List<LinkMessage> Read(Hdf5Context ctx, ObjectHeader header)
    {
        if (header.Find(MessageType.SymbolTable) is { } stm)
        {
            var c = ctx.Cursor(stm.Body, stm.BodyOffset - ctx.Superblock.BaseAddress, "symbol table message");
            return ReadSymbolTable(ctx, SymbolTableMessage.Parse(ref c));
        }
        var links = new List<LinkMessage>();
        foreach (var m in header.All(MessageType.Link))
        {
            var c = ctx.Cursor(m.Body, m.BodyOffset - ctx.Superblock.BaseAddress, "link message");
            links.Add(LinkMessage.Parse(ref c));
        }
        if (header.Find(MessageType.LinkInfo) is { } lim)
        {
            var c = ctx.Cursor(lim.Body, lim.BodyOffset - ctx.Superblock.BaseAddress, "link info message");
            var info = DenseStorageInfo.ParseLinkInfo(ref c);
            if (info.IsDense)
            {
                links.AddRange(ReadDense(ctx, info));
            }
        }
        // Creation order where the file tracks it, else name order (what h5py and netCDF show).
        // One total order over both keys, so even a corrupt mix of the two sorts consistently.
        return links
            .OrderBy(l => l.CreationOrder < 0 ? 1 : 0)
            .ThenBy(l => l.CreationOrder)
            .ThenBy(l => l.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static List<LinkMessage> ReadSymbolTable(Hdf5Context ctx, SymbolTableMessage table)
    {
        var heap = LocalHeap.Read(ctx, table.LocalHeapAddress);
        var links = new List<LinkMessage>();
        // Group B-tree keys are heap offsets (length-sized); children point at SNODs.
        foreach (var entry in BTreeV1.ReadLeaves(ctx, table.BTreeAddress, 0, ctx.LengthSize))
        {
            foreach (var e in SymbolTableNode.Read(ctx, entry.Child))
            {
                links.Add(e.CacheType == 2
                    ? new LinkMessage(heap.StringAt(e.NameOffset), LinkMessage.Soft, Address.Undefined, -1, heap.StringAt(e.SoftLinkOffset))
                    : new LinkMessage(heap.StringAt(e.NameOffset), LinkMessage.Hard, e.HeaderAddress, -1));
            }
        }
        return links;
    }

    private static IEnumerable<LinkMessage> ReadDense(Hdf5Context ctx, DenseStorageInfo info)
    {
        var heap = new FractalHeap(ctx, info.FractalHeapAddress);
        var (type, records) = BTreeV2.ReadAll(ctx, info.NameIndexAddress);
        if (type != 5)
        {
            throw new Hdf5FormatException("v2 B-tree header", ctx.Absolute(info.NameIndexAddress, "v2 B-tree header"),
                $"record type {type} found where the link name index (type 5) was expected.");
        }
        foreach (var record in records)
        {
            if (record.Bytes.Length < 5)
            {
                throw new Hdf5FormatException("v2 B-tree link record", record.Offset, $"record of {record.Bytes.Length} bytes cannot hold a hash and a heap id.");
            }
            // Record: 4-byte name hash, then the heap id of the encoded link message.
            var id = record.Bytes.AsSpan(4);
            var bytes = heap.Get(id, record.Offset + 4);
            var c = new ByteCursor(bytes, record.Offset, "dense link message", ctx.OffsetSize, ctx.LengthSize);
            yield return LinkMessage.Parse(ref c);
        }
    }
}
