namespace Tessera.IO.Hdf5;

/// <summary>The error for a filter this reader cannot undo: which filter, its id, and how to get a readable file.</summary>
internal static class UnsupportedFilter
{
    public static NotSupportedException Create(Hdf5Filter filter, long chunkOffset)
    {
        string what = filter.Id switch
        {
            307 => "the bzip2 plugin (hdf5plugin, PyTables)",
            32001 => "the Blosc plugin (PyTables, hdf5plugin)",
            32004 => "the LZ4 plugin (hdf5plugin)",
            32008 => "the bitshuffle plugin (hdf5plugin)",
            32013 => "the zfp plugin (hdf5plugin)",
            32015 => "the Zstandard plugin (hdf5plugin)",
            32026 => "the Blosc2 plugin (hdf5plugin, PyTables)",
            _ => filter.Id >= 256 ? "a registered third-party plugin (see https://github.com/HDFGroup/hdf5_plugins/blob/master/docs/RegisteredFilterPlugins.md)" : "a filter HDF5 reserves",
        };
        return new NotSupportedException(
            $"The chunk at byte offset {chunkOffset} needs filter \"{filter.Name}\" (id {filter.Id}), {what}, which this reader does not implement. " +
            "Supported filters: deflate (1), shuffle (2), fletcher32 (3), szip (4), N-bit (5), scale-offset (6), LZF (32000). " +
            $"Rewrite the dataset without it where that plugin is installed (HDF5_PLUGIN_PATH), e.g. h5repack -f GZIP=4 in.h5 out.h5, or in Python: " +
            "import hdf5plugin, then copy the dataset with h5py using compression=\"gzip\".");
    }
}
