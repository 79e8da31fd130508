namespace Tessera.IO.Csv;

/// <summary>
/// One partition's bytes: the rows of <see cref="Path"/> that begin in [<see cref="Start"/>,
/// <see cref="End"/>). A compressed file is a single block (its bytes cannot be entered midway).
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Start">The first byte offset a row of this block may begin at.</param>
/// <param name="End">One past the last byte offset a row of this block may begin at; <see cref="long.MaxValue"/> for the whole file.</param>
/// <param name="Compression">How the file is compressed.</param>
public sealed record CsvBlock(string Path, long Start, long End, CsvCompression Compression)
{
    /// <summary>True when this block holds the file's first line (the header, if there is one).</summary>
    public bool IsFileStart => Start == 0;
}

/// <summary>The compression of a CSV file, chosen by its extension.</summary>
public enum CsvCompression
{
    /// <summary>Plain text.</summary>
    None,

    /// <summary>gzip (<c>.gz</c>).</summary>
    Gzip,

    /// <summary>Zstandard (<c>.zst</c>, <c>.zstd</c>).</summary>
    Zstd,
}
