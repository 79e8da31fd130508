namespace Tessera.IO.Hdf5.Writing;

/// <summary>
/// The B-tree v1 (type 1) that indexes a chunked dataset's chunks. Keys are (chunk byte
/// size, filter mask, chunk offset in elements per axis plus a trailing 0); children are
/// chunk addresses at level 0 and nodes above. A superblock v0 fixes K at 32, so a node
/// holds up to 64 children; the tree is built bottom-up, level by level.
/// </summary>
internal static class ChunkBTree
{
    private const int K = 32;
    private const int MaxChildren = 2 * K;

    /// <summary>One stored chunk: its offset in elements, address, stored size and filter mask.</summary>
    public readonly record struct Entry(long[] Offset, long Address, long Size, uint FilterMask);

    /// <summary>Writes the tree for <paramref name="chunks"/> (at least one) and returns the root's address.</summary>
    public static long Write(FileSpace file, IReadOnlyList<Entry> chunks, ReadOnlySpan<long> shape, ReadOnlySpan<long> chunkShape)
    {
        var rank = shape.Length;
        // Keys compare chunk offsets lexicographically, so children must be in that order.
        var sorted = chunks.OrderBy(c => c.Offset, OffsetComparer.Instance).ToList();
        // The key past the last child: the dataset's extent rounded up to whole chunks.
        var end = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            end[d] = (shape[d] + chunkShape[d] - 1) / chunkShape[d] * chunkShape[d];
        }

        // Each level lists (first entry of the subtree, node or chunk address), left to right.
        var level = sorted.Select(c => (First: c, c.Address)).ToList();
        var depth = 0;
        do
        {
            var next = new List<(Entry First, long Address)>();
            for (var start = 0; start < level.Count; start += MaxChildren)
            {
                var children = level.GetRange(start, Math.Min(MaxChildren, level.Count - start));
                Entry? after = start + MaxChildren < level.Count ? level[start + MaxChildren].First : null;
                next.Add((children[0].First, WriteNode(file, depth, children, after, end, rank)));
            }
            level = next;
            depth++;
        }
        while (level.Count > 1);
        return level[0].Address;
    }

    private static long WriteNode(FileSpace file, int depth, List<(Entry First, long Address)> children, Entry? after,
        long[] end, int rank)
    {
        var keySize = 8 + (8 * (rank + 1));
        var node = new MetadataBuffer();
        node.Ascii("TREE").U8(1).U8(depth).U16(children.Count);
        node.U64(MetadataBuffer.UndefinedAddress).U64(MetadataBuffer.UndefinedAddress);
        foreach (var (first, address) in children)
        {
            WriteKey(node, first.Offset, depth == 0 ? first.Size : 0, depth == 0 ? first.FilterMask : 0);
            node.U64(address);
        }
        WriteKey(node, after?.Offset ?? end, 0, 0);
        var fullSize = 24 + (MaxChildren * 8) + ((MaxChildren + 1) * keySize);
        node.Zeros(fullSize - node.Length);
        return file.Append(node.Span);
    }

    private static void WriteKey(MetadataBuffer node, long[] offset, long size, uint mask)
    {
        node.U32(size).U32(mask);
        foreach (var o in offset)
        {
            node.U64(o);
        }
        node.U64(0L); // the element-size axis
    }

    private sealed class OffsetComparer : IComparer<long[]>
    {
        public static readonly OffsetComparer Instance = new();

        public int Compare(long[]? x, long[]? y)
        {
            for (var d = 0; d < x!.Length; d++)
            {
                var c = x[d].CompareTo(y![d]);
                if (c != 0)
                {
                    return c;
                }
            }
            return 0;
        }
    }
}
