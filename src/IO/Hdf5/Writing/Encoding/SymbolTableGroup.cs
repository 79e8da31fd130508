using System.Text;

namespace Tessera.IO.Hdf5.Writing;

/// <summary>
/// An old-style group on disk: a local heap of member names, SNOD nodes of up to 8 symbol
/// table entries (group leaf K = 4), and one B-tree v1 node (type 0, group internal K = 16,
/// so up to 32 SNODs) whose keys are heap offsets of the last name in each SNOD. Members
/// are sorted bytewise because readers binary-search them.
/// </summary>
internal static class SymbolTableGroup
{
    public const int LeafK = 4;
    public const int InternalK = 16;
    private const int EntriesPerNode = 2 * LeafK;
    private const int MaxMembers = EntriesPerNode * 2 * InternalK;
    private const int EntrySize = 40;

    /// <summary>Writes the heap, SNODs and B-tree for <paramref name="members"/> (name → object header address).</summary>
    /// <returns>The B-tree and local heap addresses for the group's symbol table message.</returns>
    public static (long BTree, long Heap) Write(FileSpace file, string groupPath, IReadOnlyDictionary<string, long> members)
    {
        if (members.Count > MaxMembers)
        {
            throw new NotSupportedException(
                $"Group '{groupPath}' has {members.Count} members; the writer supports at most {MaxMembers} per group. " +
                "Spread the datasets over subgroups.");
        }
        var sorted = members.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();

        // Local heap data: the empty string at offset 0, then each name NUL-terminated, padded to 8.
        var heapData = new MetadataBuffer();
        heapData.Zeros(8);
        var nameOffset = new long[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            nameOffset[i] = heapData.Length;
            heapData.Bytes(Encoding.UTF8.GetBytes(sorted[i].Key)).U8(0).PadTo(8);
        }
        var heapDataAddress = file.Append(heapData.Span);
        var heap = new MetadataBuffer();
        heap.Ascii("HEAP").U8(0).Zeros(3).U64(heapData.Length);
        heap.U64(1UL); // free-list head: 1 is HDF5's "no free block" (the undefined address is rejected)
        heap.U64(heapDataAddress);
        var heapAddress = file.Append(heap.Span);

        // SNODs of up to 8 entries each; the B-tree key after child i is the offset of its last name.
        var snodes = new List<(long Address, long LastName)>();
        for (var start = 0; start < sorted.Length || snodes.Count == 0; start += EntriesPerNode)
        {
            var count = Math.Min(EntriesPerNode, sorted.Length - start);
            var node = new MetadataBuffer();
            node.Ascii("SNOD").U8(1).U8(0).U16(count);
            for (var i = start; i < start + count; i++)
            {
                // link name offset, object header address, cache type 0 (nothing cached), reserved, scratch.
                node.U64(nameOffset[i]).U64(sorted[i].Value).U32(0).U32(0).Zeros(16);
            }
            node.Zeros((EntriesPerNode - count) * EntrySize); // readers read the whole node
            snodes.Add((file.Append(node.Span), count > 0 ? nameOffset[start + count - 1] : 0));
            if (count == 0)
            {
                break;
            }
        }

        var tree = new MetadataBuffer();
        tree.Ascii("TREE").U8(0).U8(0).U16(snodes.Count);
        tree.U64(MetadataBuffer.UndefinedAddress).U64(MetadataBuffer.UndefinedAddress);
        tree.U64(0L); // key 0: the empty string
        foreach (var (address, lastName) in snodes)
        {
            tree.U64(address).U64(lastName);
        }
        var fullSize = 24 + (2 * InternalK * 8) + ((2 * InternalK + 1) * 8);
        tree.Zeros(fullSize - tree.Length);
        return (file.Append(tree.Span), heapAddress);
    }
}
