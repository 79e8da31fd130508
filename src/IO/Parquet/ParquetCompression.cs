namespace Tessera.IO.Parquet;

/// <summary>The page compression of a written Parquet file (every Parquet reader knows these).</summary>
public enum ParquetCompression
{
    /// <summary>Snappy: fast, moderate ratio; pandas', dask's and DuckDB's default.</summary>
    Snappy,

    /// <summary>Zstandard: better ratio at a similar read speed.</summary>
    Zstd,

    /// <summary>Gzip (deflate): the slowest; for readers that know nothing newer.</summary>
    Gzip,

    /// <summary>No compression.</summary>
    None,
}
