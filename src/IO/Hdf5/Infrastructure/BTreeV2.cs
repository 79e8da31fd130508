namespace Tessera.IO.Hdf5;

/// <summary>
/// Version-2 B-trees ("BTHD", "BTIN", "BTLF"). The reader needs every record (links,
/// attributes, chunks), so it walks the whole tree and leaves record decoding to the caller.
/// Field widths inside internal nodes depend on how many records a subtree can hold, which is
/// derived from the node size exactly as the format defines it.
/// </summary>
internal static class BTreeV2
{
    private const string Structure = "v2 B-tree header";

    /// <summary>One record with the absolute file offset where it was read.</summary>
    internal readonly record struct Record(byte[] Bytes, long Offset);

    public static (int Type, List<Record> Records) ReadAll(Hdf5Context ctx, long address)
    {
        int o = ctx.OffsetSize;
        var data = ctx.Read(address, 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + o + 2 + ctx.LengthSize + 4, Structure);
        var c = ctx.Cursor(data, address, Structure);
        c.Signature("BTHD");
        int version = c.U8();
        if (version != 0)
        {
            throw c.Fail($"version {version} found; v2 B-tree headers are version 0.");
        }
        int type = c.U8();
        long nodeSize = c.U32();
        int recordSize = c.U16();
        int depth = c.U16();
        c.Skip(2);
        long root = c.Address();
        int rootRecords = c.U16();
        c.LengthField();
        Lookup3.Verify(data.AsSpan(0, c.Position), c.U32(), Structure, ctx.Absolute(address, Structure));
        if (recordSize <= 0 || nodeSize < 16 || nodeSize > ctx.Source.Length || depth > 16)
        {
            throw new Hdf5FormatException(Structure, ctx.Absolute(address, Structure),
                $"node size {nodeSize}, record size {recordSize} or depth {depth} is not plausible.");
        }
        var records = new List<Record>();
        if (Address.IsDefined(root) && rootRecords > 0)
        {
            var layout = new NodeLayout(ctx.OffsetSize, (int)nodeSize, recordSize, depth);
            var visited = new HashSet<long>();
            Walk(ctx, root, rootRecords, depth, type, recordSize, layout, records, visited);
        }
        return (type, records);
    }

    private static void Walk(Hdf5Context ctx, long address, int count, int depth, int type, int recordSize,
        NodeLayout layout, List<Record> records, HashSet<long> visited)
    {
        string structure = depth == 0 ? "v2 B-tree leaf node" : "v2 B-tree internal node";
        if (!visited.Add(address))
        {
            throw new Hdf5FormatException(structure, ctx.Absolute(address, structure), "node is reachable twice: the B-tree has a cycle.");
        }
        if (count > layout.MaxRecords(depth))
        {
            throw new Hdf5FormatException(structure, ctx.Absolute(address, structure),
                $"claims {count} records; a node of this size holds at most {layout.MaxRecords(depth)}.");
        }
        var data = ctx.Read(address, layout.NodeSize, structure);
        var c = ctx.Cursor(data, address, structure);
        c.Signature(depth == 0 ? "BTLF" : "BTIN");
        c.Skip(1);
        int nodeType = c.U8();
        if (nodeType != type)
        {
            throw c.Fail($"node type {nodeType} does not match the tree's type {type}.");
        }
        var nodeRecords = new List<Record>(count);
        for (int i = 0; i < count; i++)
        {
            long at = c.FileOffset;
            nodeRecords.Add(new Record(c.Bytes(recordSize).ToArray(), at));
        }
        if (depth == 0)
        {
            Lookup3.Verify(data.AsSpan(0, c.Position), c.U32(), structure, ctx.Absolute(address, structure));
            records.AddRange(nodeRecords);
            return;
        }
        var children = new List<(long Address, int Count)>(count + 1);
        for (int i = 0; i <= count; i++)
        {
            long child = c.Address();
            int childCount = (int)Math.Min(c.UInt(layout.CountSize), int.MaxValue);
            if (depth > 1)
            {
                c.UInt(layout.TotalSize(depth - 1));
            }
            children.Add((child, childCount));
        }
        Lookup3.Verify(data.AsSpan(0, c.Position), c.U32(), structure, ctx.Absolute(address, structure));
        for (int i = 0; i <= count; i++)
        {
            Walk(ctx, children[i].Address, children[i].Count, depth - 1, type, recordSize, layout, records, visited);
            if (i < count)
            {
                records.Add(nodeRecords[i]);
            }
        }
    }

    /// <summary>Per-depth capacities that size the child-pointer fields of internal nodes.</summary>
    private sealed class NodeLayout
    {
        private const int Prefix = 4 + 1 + 1 + 4; // signature, version, type, checksum
        private readonly long[] _maxRecords;
        private readonly int[] _totalSizes;

        public NodeLayout(int offsetSize, int nodeSize, int recordSize, int depth)
        {
            NodeSize = nodeSize;
            _maxRecords = new long[depth + 1];
            _totalSizes = new int[depth + 1];
            var cumulative = new long[depth + 1];
            _maxRecords[0] = (nodeSize - Prefix) / recordSize;
            cumulative[0] = _maxRecords[0];
            CountSize = EncodedSize(_maxRecords[0]);
            for (int d = 1; d <= depth; d++)
            {
                int pointer = offsetSize + CountSize + (d > 1 ? _totalSizes[d - 1] : 0);
                _maxRecords[d] = Math.Max(0, (nodeSize - Prefix - pointer) / (recordSize + pointer));
                cumulative[d] = SaturatingAdd(SaturatingMul(_maxRecords[d] + 1, cumulative[d - 1]), _maxRecords[d]);
                _totalSizes[d] = EncodedSize(cumulative[d]);
            }
            _totalSizes[0] = EncodedSize(cumulative[0]);
        }

        public int NodeSize { get; }
        public int CountSize { get; }
        public long MaxRecords(int depth) => _maxRecords[depth];
        public int TotalSize(int depth) => Math.Min(_totalSizes[depth], 8);

        private static int EncodedSize(long v) => v <= 0 ? 1 : (63 - (int)long.LeadingZeroCount(v)) / 8 + 1;
        private static long SaturatingMul(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
        private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
    }
}
