namespace Tessera.IO.Hdf5;

/// <summary>Storage classes of the data layout message.</summary>
internal enum LayoutClass
{
    Compact = 0,
    Contiguous = 1,
    Chunked = 2,
}

/// <summary>Chunk index types of layout version 4 (version 3 always uses a v1 B-tree).</summary>
internal enum ChunkIndexType
{
    BTreeV1 = 0,
    SingleChunk = 1,
    Implicit = 2,
    FixedArray = 3,
    ExtensibleArray = 4,
    BTreeV2 = 5,
}

/// <summary>Data layout message (0x0008), versions 3 and 4 (what HDF5 1.6+ writes); 1 and 2 in DataLayoutMessage.V1V2.cs.</summary>
internal sealed partial class DataLayoutMessage
{
    public required LayoutClass Class { get; init; }
    public long Address { get; init; } = Hdf5.Address.Undefined;
    /// <summary>Bytes of contiguous or compact storage; -1 when the message does not record it (versions 1-2).</summary>
    public long Size { get; init; }
    public byte[] CompactData { get; init; } = [];
    /// <summary>Chunk sizes per dataset axis (the trailing element-size dimension is removed).</summary>
    public long[] ChunkDimensions { get; init; } = [];
    public ChunkIndexType IndexType { get; init; }
    /// <summary>Single chunk with filters: its stored size and filter mask.</summary>
    public long SingleChunkFilteredSize { get; init; } = -1;
    public uint SingleChunkFilterMask { get; init; }
    public int FixedArrayPageBits { get; init; }
    public ExtensibleArrayParameters? ExtensibleArray { get; init; }

    internal sealed record ExtensibleArrayParameters(int MaxBits, int IndexElements, int MinPointers, int MinElements, int PageBits);

    public static DataLayoutMessage Parse(ref ByteCursor c)
    {
        long start = c.FileOffset;
        int version = c.U8();
        if (version is 1 or 2)
        {
            return ParseV1V2(ref c, version, start);
        }
        if (version is < 1 or > 4)
        {
            throw new Hdf5FormatException(c.Structure, start,
                $"data layout version {version} is not defined (versions 1 to 4 are; 1-2 come from HDF5 before 1.6, 3 from 1.6-1.8, 4 from 1.10+).");
        }
        int cls = c.U8();
        switch (cls)
        {
            case 0:
                {
                    int size = c.U16();
                    return new DataLayoutMessage { Class = LayoutClass.Compact, CompactData = c.Bytes(size).ToArray(), Size = size };
                }
            case 1:
                return new DataLayoutMessage { Class = LayoutClass.Contiguous, Address = c.Address(), Size = c.LengthField() };
            case 2:
                return version == 3 ? ChunkedV3(ref c) : ChunkedV4(ref c);
            case 3 when version == 4:
                throw new NotSupportedException(
                    $"The dataset at byte offset {start} is a virtual dataset (data layout message version 4, class 3, written by HDF5 1.10 or later), " +
                    "which this reader does not implement. Materialise it first, e.g. with h5py: out[\"name\"] = vds[()].");
            default:
                throw new Hdf5FormatException(c.Structure, start, $"layout class {cls} is not defined (0 compact, 1 contiguous, 2 chunked).");
        }
    }

    private static DataLayoutMessage ChunkedV3(ref ByteCursor c)
    {
        int rank = c.U8();
        long address = c.Address();
        var dims = ReadChunkDims(ref c, rank, 4);
        return new DataLayoutMessage { Class = LayoutClass.Chunked, Address = address, ChunkDimensions = dims, IndexType = ChunkIndexType.BTreeV1 };
    }

    private static DataLayoutMessage ChunkedV4(ref ByteCursor c)
    {
        int flags = c.U8();
        int rank = c.U8();
        int dimBytes = c.U8();
        if (dimBytes is < 1 or > 8)
        {
            throw c.Fail($"chunk dimension fields of {dimBytes} bytes are not valid (1 to 8 expected).");
        }
        var dims = ReadChunkDims(ref c, rank, dimBytes);
        int indexType = c.U8();
        long filteredSize = -1;
        uint mask = 0;
        int pageBits = 0;
        ExtensibleArrayParameters? ea = null;
        switch (indexType)
        {
            case 1:
                if ((flags & 0x02) != 0)
                {
                    filteredSize = c.LengthField();
                    mask = c.U32();
                }
                break;
            case 2:
                break;
            case 3:
                pageBits = c.U8();
                break;
            case 4:
                ea = new ExtensibleArrayParameters(c.U8(), c.U8(), c.U8(), c.U8(), c.U8());
                break;
            case 5:
                c.Skip(6); // node size, split and merge percentages
                break;
            default:
                throw c.Fail($"chunk index type {indexType} is not defined (1 to 5 expected).");
        }
        return new DataLayoutMessage
        {
            Class = LayoutClass.Chunked,
            ChunkDimensions = dims,
            IndexType = (ChunkIndexType)indexType,
            Address = c.Address(),
            SingleChunkFilteredSize = filteredSize,
            SingleChunkFilterMask = mask,
            FixedArrayPageBits = pageBits,
            ExtensibleArray = ea,
        };
    }

    private static long[] ReadChunkDims(ref ByteCursor c, int rank, int bytes)
    {
        // The layout stores one more dimension than the dataset: the element size.
        if (rank < 1 || rank > 33)
        {
            throw c.Fail($"chunk dimensionality {rank} is not valid (dataset rank + 1, at most 33).");
        }
        var dims = new long[rank - 1];
        for (int i = 0; i < rank; i++)
        {
            long d = (long)c.UInt(bytes);
            if (i < rank - 1)
            {
                if (d <= 0 || d > uint.MaxValue)
                {
                    throw c.Fail($"chunk dimension {i} is {d}; chunk sizes must be between 1 and 2^32-1.");
                }
                dims[i] = d;
            }
        }
        return dims;
    }
}
