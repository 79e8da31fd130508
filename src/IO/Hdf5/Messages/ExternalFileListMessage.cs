namespace Tessera.IO.Hdf5;

/// <summary>
/// External data files message (0x0007, version 1, every HDF5 release): a contiguous dataset
/// whose bytes live in other files. Not read here; its presence must not be mistaken for a
/// dataset that was never written (its layout address is undefined), which would read as fill.
/// </summary>
internal static class ExternalFileListMessage
{
    public const int Type = 0x07;

    public static void ThrowIfPresent(Hdf5Context ctx, ObjectHeader header)
    {
        if (header.Find(Type) is { } m)
        {
            int version = m.Body.Length > 0 ? m.Body[0] : 0;
            throw new NotSupportedException(
                $"The dataset whose header is at byte offset {ctx.Absolute(header.Address, "object header")} stores its data in external files " +
                $"(external data files message version {version}, which every HDF5 release can write), and this reader does not read external storage. " +
                "Copy the data into the file first: h5repack -l CONTI in.h5 out.h5.");
        }
    }
}
