namespace Tessera.IO.Hdf5;

/// <summary>
/// Version-1 B-trees ("TREE"): type 0 indexes group members (children are SNOD addresses),
/// type 1 indexes raw data chunks (keys carry chunk size, filter mask and offsets). The
/// reader walks every leaf; visited node addresses are tracked so a cycle is an error.
/// </summary>
internal static class BTreeV1
{
    private const string Structure = "v1 B-tree node";

    /// <summary>A leaf entry: the key that precedes the child and the child's address.</summary>
    internal readonly record struct Entry(byte[] Key, long KeyOffset, long Child);

    public static List<Entry> ReadLeaves(Hdf5Context ctx, long root, int expectedType, int keySize)
    {
        var result = new List<Entry>();
        var visited = new HashSet<long>();
        Walk(ctx, root, expectedType, keySize, -1, result, visited);
        return result;
    }

    private static void Walk(Hdf5Context ctx, long address, int expectedType, int keySize, int expectedLevel,
        List<Entry> result, HashSet<long> visited)
    {
        if (!visited.Add(address))
        {
            throw new Hdf5FormatException(Structure, ctx.Absolute(address, Structure), "node is reachable twice: the B-tree has a cycle.");
        }
        int headerSize = 8 + 2 * ctx.OffsetSize;
        var header = ctx.Read(address, headerSize, Structure);
        var c = ctx.Cursor(header, address, Structure);
        c.Signature("TREE");
        int type = c.U8();
        int level = c.U8();
        int used = c.U16();
        if (type != expectedType)
        {
            throw c.Fail($"node type {type} found where a type-{expectedType} node ({(expectedType == 0 ? "group" : "chunk")} index) was expected.");
        }
        if (expectedLevel >= 0 && level != expectedLevel)
        {
            throw c.Fail($"node level {level} found where level {expectedLevel} was expected (corrupt tree).");
        }
        if (level > 64)
        {
            throw c.Fail($"node level {level} is implausibly deep.");
        }
        long bodySize = (long)used * (keySize + ctx.OffsetSize) + keySize;
        ctx.CheckSize(bodySize, Structure, c.FileOffset);
        var body = ctx.Read(address + headerSize, bodySize, Structure);
        var b = ctx.Cursor(body, address + headerSize, Structure);
        for (int i = 0; i < used; i++)
        {
            long keyOffset = b.FileOffset;
            var key = b.Bytes(keySize).ToArray();
            long child = b.Address();
            if (!Address.IsDefined(child))
            {
                throw b.Fail($"child {i} has an undefined address.");
            }
            if (level == 0)
            {
                result.Add(new Entry(key, keyOffset, child));
            }
            else
            {
                Walk(ctx, child, expectedType, keySize, level - 1, result, visited);
            }
        }
    }
}
