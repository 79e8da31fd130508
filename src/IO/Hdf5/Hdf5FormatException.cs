namespace Tessera.IO.Hdf5;

/// <summary>
/// The file is not valid HDF5, is truncated, or contains a structure this reader cannot
/// decode. The message names the structure and the byte offset at which decoding failed.
/// </summary>
public sealed class Hdf5FormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="structure"/> at <paramref name="offset"/>.</summary>
    /// <param name="structure">The on-disk structure being decoded, e.g. "object header v1".</param>
    /// <param name="offset">Absolute byte offset in the file where the problem was found.</param>
    /// <param name="problem">What was found and what was expected.</param>
    /// <param name="inner">The underlying error, if any (e.g. a zlib decoding error).</param>
    public Hdf5FormatException(string structure, long offset, string problem, Exception? inner = null)
        : base($"Malformed HDF5 {structure} at byte offset {offset}: {problem}", inner)
    {
        Structure = structure;
        Offset = offset;
    }

    /// <summary>The on-disk structure being decoded when the problem was found.</summary>
    public string Structure { get; }

    /// <summary>Absolute byte offset in the file where the problem was found.</summary>
    public long Offset { get; }
}
