namespace Tessera.IO.Parquet;

/// <summary>How a Parquet dataset is cut into partitions, and where its reads are counted.</summary>
public sealed record ParquetReadOptions
{
    /// <summary>One partition per row group (the default), or one per file when false.</summary>
    public bool SplitRowGroups { get; init; } = true;

    /// <summary>Counts the row groups, column chunks, pages and bytes the read fetched (for tests and diagnostics).</summary>
    public ParquetReadCounters? Counters { get; init; }
}
