namespace Tessera.IO.Parquet;

/// <summary>How Parquet files are written.</summary>
public sealed record ParquetWriteOptions
{
    /// <summary>Page compression; snappy unless given.</summary>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>The codec's level (zstd 1-22, gzip 1-9); the codec's default when null.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>
    /// The most rows in one row group; a partition larger than this becomes several row groups.
    /// Smaller groups let predicate pushdown skip more, at some cost in size and speed.
    /// </summary>
    public long RowGroupSize { get; init; } = 1 << 20;

    /// <summary>
    /// The bytes at which a data page is closed and the next begins (Parquet's data page size;
    /// 1 MiB by default). Smaller pages cost a header each; tests use them to make many pages.
    /// </summary>
    public long DataPageSize { get; init; } = 1 << 20;

    /// <summary>Dictionary-encode columns (Parquet falls back to plain pages when a dictionary grows too large).</summary>
    public bool Dictionary { get; init; } = true;

    /// <summary>
    /// Also write a <c>_metadata</c> file holding every part's row groups (with their file paths),
    /// as dask's <c>write_metadata_file=True</c>, so readers can plan from one footer.
    /// </summary>
    public bool WriteMetadataFile { get; init; }
}
