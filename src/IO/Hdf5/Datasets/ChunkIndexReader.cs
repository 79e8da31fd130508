namespace Tessera.IO.Hdf5;

/// <summary>
/// Reads a dataset's chunk index, whichever kind it is, into one map from chunk position
/// (row-major index over the current chunk grid) to where the chunk is stored. Chunks absent
/// from the map were never written and read as the fill value.
/// </summary>
internal static class ChunkIndexReader
{
    public static Dictionary<long, ChunkRecord> Read(Hdf5Context ctx, DataLayoutMessage layout, long[] dims, long[] maxDims,
        int elementSize, bool filtered, long chunkBytes)
    {
        var chunk = layout.ChunkDimensions;
        var counts = ChunkGrid.Counts(dims, chunk);
        var map = new Dictionary<long, ChunkRecord>();
        void Add(long[] coords, ChunkRecord record)
        {
            long key = ChunkGrid.Linear(coords, counts);
            if (key >= 0 && Address.IsDefined(record.Address))
            {
                map[key] = record;
            }
        }
        if (!Address.IsDefined(layout.Address))
        {
            return map; // storage never allocated: every chunk reads as the fill value
        }
        switch (layout.IndexType)
        {
            case ChunkIndexType.BTreeV1:
                ReadBTreeV1(ctx, layout.Address, chunk, Add);
                break;
            case ChunkIndexType.SingleChunk:
                Add(new long[dims.Length], new ChunkRecord(layout.Address,
                    layout.SingleChunkFilteredSize >= 0 ? layout.SingleChunkFilteredSize : chunkBytes, layout.SingleChunkFilterMask));
                break;
            case ChunkIndexType.Implicit:
                {
                    var fixedCounts = ChunkGrid.Counts(FixedShape(dims, maxDims), chunk);
                    double all = fixedCounts.Aggregate(1.0, (p, n) => p * n);
                    if (all * chunkBytes > ctx.Source.Length)
                    {
                        throw new Hdf5FormatException("implicit chunk index", ctx.Absolute(layout.Address, "implicit chunk index"),
                            $"{all} chunks of {chunkBytes} bytes cannot fit in a file of {ctx.Source.Length} bytes.");
                    }
                    long total = (long)all;
                    for (long i = 0; i < total; i++)
                    {
                        Add(ChunkGrid.Coordinates(i, fixedCounts), new ChunkRecord(layout.Address + i * chunkBytes, chunkBytes, 0));
                    }
                    break;
                }
            case ChunkIndexType.FixedArray:
                {
                    var fixedCounts = ChunkGrid.Counts(FixedShape(dims, maxDims), chunk);
                    foreach (var (index, element, offset) in FixedArray.ReadAll(ctx, layout.Address))
                    {
                        Add(ChunkGrid.Coordinates(index, fixedCounts), DecodeElement(ctx, element, offset, filtered, chunkBytes));
                    }
                    break;
                }
            case ChunkIndexType.ExtensibleArray:
                ReadExtensibleArray(ctx, layout, dims, maxDims, filtered, chunkBytes, Add);
                break;
            case ChunkIndexType.BTreeV2:
                ReadBTreeV2(ctx, layout.Address, dims.Length, chunkBytes, Add);
                break;
        }
        return map;
    }

    private static long[] FixedShape(long[] dims, long[] maxDims) =>
        maxDims.Select((m, i) => m == DataspaceMessage.Unlimited ? dims[i] : Math.Max(m, dims[i])).ToArray();

    private static void ReadBTreeV1(Hdf5Context ctx, long root, long[] chunk, Action<long[], ChunkRecord> add)
    {
        int rank = chunk.Length;
        int keySize = 8 + 8 * (rank + 1);
        foreach (var entry in BTreeV1.ReadLeaves(ctx, root, 1, keySize))
        {
            var c = new ByteCursor(entry.Key, entry.KeyOffset, "v1 B-tree chunk key");
            long size = c.U32();
            uint mask = c.U32();
            var coords = new long[rank];
            for (int i = 0; i < rank; i++)
            {
                ulong offset = c.U64();
                if (offset % (ulong)chunk[i] != 0)
                {
                    throw c.Fail($"chunk offset {offset} on axis {i} is not a multiple of the chunk size {chunk[i]}.");
                }
                coords[i] = (long)Math.Min(offset / (ulong)chunk[i], long.MaxValue);
            }
            add(coords, new ChunkRecord(entry.Child, size, mask));
        }
    }

    private static void ReadExtensibleArray(Hdf5Context ctx, DataLayoutMessage layout, long[] dims, long[] maxDims,
        bool filtered, long chunkBytes, Action<long[], ChunkRecord> add)
    {
        // The index swizzles the unlimited axis to the front, then numbers chunks row-major
        // over the maximum extent of the other axes.
        int unlimited = Array.IndexOf(maxDims, DataspaceMessage.Unlimited);
        if (unlimited < 0)
        {
            unlimited = 0;
        }
        var order = new List<int> { unlimited };
        order.AddRange(Enumerable.Range(0, dims.Length).Where(i => i != unlimited));
        var fixedShape = FixedShape(dims, maxDims);
        var allCounts = ChunkGrid.Counts(fixedShape, layout.ChunkDimensions);
        var swizzledCounts = order.Select(i => allCounts[i]).ToArray();
        foreach (var (index, element, offset) in ExtensibleArray.ReadAll(ctx, layout.Address))
        {
            var swizzled = ChunkGrid.Coordinates(index, swizzledCounts);
            var coords = new long[dims.Length];
            for (int k = 0; k < order.Count; k++)
            {
                coords[order[k]] = swizzled[k];
            }
            add(coords, DecodeElement(ctx, element, offset, filtered, chunkBytes));
        }
    }

    private static void ReadBTreeV2(Hdf5Context ctx, long address, int rank, long chunkBytes, Action<long[], ChunkRecord> add)
    {
        var (type, records) = BTreeV2.ReadAll(ctx, address);
        if (type is not (10 or 11))
        {
            throw new Hdf5FormatException("v2 B-tree header", ctx.Absolute(address, "v2 B-tree header"),
                $"record type {type} found where a chunk index (type 10 or 11) was expected.");
        }
        foreach (var record in records)
        {
            var c = new ByteCursor(record.Bytes, record.Offset, "v2 B-tree chunk record", ctx.OffsetSize, ctx.LengthSize);
            long chunkAddress = c.Address();
            long size = chunkBytes;
            uint mask = 0;
            if (type == 11)
            {
                int sizeBytes = record.Bytes.Length - ctx.OffsetSize - 4 - 8 * rank;
                size = (long)Math.Min(c.UInt(sizeBytes), long.MaxValue);
                mask = c.U32();
            }
            var coords = new long[rank];
            for (int i = 0; i < rank; i++)
            {
                coords[i] = (long)Math.Min(c.U64(), long.MaxValue);
            }
            add(coords, new ChunkRecord(chunkAddress, size, mask));
        }
    }

    private static ChunkRecord DecodeElement(Hdf5Context ctx, byte[] element, long offset, bool filtered, long chunkBytes)
    {
        var c = new ByteCursor(element, offset, "chunk index element", ctx.OffsetSize, ctx.LengthSize);
        long address = c.Address();
        if (!filtered)
        {
            return new ChunkRecord(address, chunkBytes, 0);
        }
        long size = (long)Math.Min(c.UInt(element.Length - ctx.OffsetSize - 4), long.MaxValue);
        return new ChunkRecord(address, size, c.U32());
    }
}
