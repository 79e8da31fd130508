namespace Tessera.IO.Parquet;

/// <summary>
/// A Parquet file is truncated, corrupted or not Parquet at all. The message names the file, the
/// structure that could not be decoded (footer, row group, column chunk) and what to do.
/// </summary>
public sealed class ParquetFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="structure"/> of <paramref name="path"/>.</summary>
    /// <param name="path">The file being read.</param>
    /// <param name="structure">The structure being decoded, e.g. "footer" or "row group 2, column 'amount'".</param>
    /// <param name="problem">What was found and what was expected.</param>
    /// <param name="inner">The decoder's own error, if any.</param>
    public ParquetFormatException(string path, string structure, string problem, Exception? inner = null)
        : base($"Malformed Parquet {structure} in '{path}': {problem}", inner)
    {
        Path = path;
        Structure = structure;
    }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    /// <summary>The structure being decoded when the problem was found.</summary>
    public string Structure { get; }
}
