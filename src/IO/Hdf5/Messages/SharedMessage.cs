namespace Tessera.IO.Hdf5;

/// <summary>
/// A shared message reference: the real message lives elsewhere. Only "committed" messages
/// (in another object header, e.g. a named datatype) are supported; messages kept in the
/// shared-message heap (SOHM) are not.
/// </summary>
internal static class SharedMessage
{
    /// <summary>Returns the address of the object header that holds the real message.</summary>
    public static long ParseAddress(ref ByteCursor c)
    {
        long start = c.FileOffset;
        int version = c.U8();
        int type = c.U8();
        switch (version)
        {
            case 1:
                c.Skip(6);
                return c.Address();
            case 2:
                return c.Address();
            case 3 when type == 2:
                return c.Address();
            case 3:
                throw new NotSupportedException(
                    $"The shared message at byte offset {start} (shared message version 3, HDF5 1.8 and later with H5Pset_shared_mesg_nindexes) lives in the " +
                    "shared object header message heap, which this reader does not implement. Rewrite the data into a file without shared messages (h5py writes none by default).");
            default:
                throw new Hdf5FormatException(c.Structure, start, $"shared message version {version} is not valid (1 to 3 expected).");
        }
    }

    /// <summary>The datatype of a committed (named) datatype object.</summary>
    public static DatatypeMessage CommittedDatatype(Hdf5Context ctx, long address, int depth)
    {
        if (depth > 4)
        {
            throw new Hdf5FormatException("shared datatype", ctx.Absolute(address, "shared datatype"), "shared datatypes refer to each other in a loop.");
        }
        return DatasetMessages.Datatype(ctx, ObjectHeader.Read(ctx, address), depth + 1);
    }
}
