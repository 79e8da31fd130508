namespace Tessera.IO.Hdf5;

/// <summary>
/// Data layout message versions 1 and 2, written by HDF5 1.0 to 1.4 (before 1.6, 2004). Both
/// have one form: version, dimensionality, class, 5 reserved bytes, the storage address (not
/// for compact), dimensionality 4-byte dimension sizes, then for compact data its size and bytes.
/// </summary>
internal sealed partial class DataLayoutMessage
{
    private static DataLayoutMessage ParseV1V2(ref ByteCursor c, int version, long start)
    {
        int rank = c.U8();
        int cls = c.U8();
        c.Skip(5);
        if (rank is < 1 or > 33)
        {
            throw new Hdf5FormatException(c.Structure, start,
                $"layout version {version} declares {rank} dimensions; 1 to 33 (dataset rank + 1) are valid.");
        }
        switch (cls)
        {
            case 0:
                {
                    // The dimensions (rank + 1 sizes, the last the element size) repeat what the
                    // dataspace and datatype say; the data follows.
                    c.Skip(4 * rank);
                    long size = c.U32();
                    if (size > c.Remaining)
                    {
                        throw c.Fail($"compact data of {size} bytes does not fit the {c.Remaining} bytes left in the message.");
                    }
                    return new DataLayoutMessage { Class = LayoutClass.Compact, CompactData = c.Bytes((int)size).ToArray(), Size = size };
                }
            case 1:
                {
                    long address = c.Address();
                    // The sizes are 32-bit, so they can be truncated for large datasets: like the
                    // HDF5 library, take the storage size from the dataspace and datatype instead.
                    c.Skip(4 * rank);
                    return new DataLayoutMessage { Class = LayoutClass.Contiguous, Address = address, Size = -1 };
                }
            case 2:
                {
                    // The chunk dimensions include the element size as the last one, as in version 3.
                    long address = c.Address();
                    var dims = ReadChunkDims(ref c, rank, 4);
                    return new DataLayoutMessage { Class = LayoutClass.Chunked, Address = address, ChunkDimensions = dims, IndexType = ChunkIndexType.BTreeV1 };
                }
            default:
                throw new Hdf5FormatException(c.Structure, start,
                    $"layout class {cls} is not defined for layout version {version} (0 compact, 1 contiguous, 2 chunked).");
        }
    }
}
