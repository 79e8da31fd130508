namespace Tessera.IO.Hdf5;

/// <summary>
/// An HDF5 file does not hold what pandas writes under the key asked for (a missing group, an
/// unknown pandas_type, a block without its metadata, a pickled object column). The message names
/// the file, the key and the structure, and says how to write the data so it can be read.
/// </summary>
public sealed class PandasHdfException : Exception
{
    /// <summary>Creates the exception for <paramref name="structure"/> under <paramref name="key"/> of <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="key">The HDFStore key.</param>
    /// <param name="structure">What was being read, e.g. "attribute pandas_type" or "column 'names'".</param>
    /// <param name="problem">What was found, what was expected and the fix.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public PandasHdfException(string path, string key, string structure, string problem, Exception? inner = null)
        : base($"'{path}', key '{key}', {structure}: {problem}", inner)
    {
        Path = path;
        Key = key;
        Structure = structure;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The HDFStore key.</summary>
    public string Key { get; }

    /// <summary>The structure being read when the problem was found.</summary>
    public string Structure { get; }
}
