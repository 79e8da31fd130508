namespace Tessera.IO.Parquet;

/// <summary>One row group of a file, from its footer: rows, bytes and each column's statistics.</summary>
/// <param name="Index">The row group's position in its file.</param>
/// <param name="Rows">Its rows.</param>
/// <param name="CompressedBytes">Its column chunks' bytes on disk.</param>
/// <param name="Statistics">Statistics by column name (top-level columns only).</param>
public sealed record ParquetRowGroupInfo(int Index, long Rows, long CompressedBytes, IReadOnlyDictionary<string, ParquetColumnStatistics> Statistics)
{
    /// <summary>
    /// The string columns whose chunk in this row group is dictionary-encoded throughout, so they
    /// are read as codes and a dictionary (<see cref="DictionaryStringArray"/>).
    /// </summary>
    public IReadOnlySet<string> DictionaryColumns { get; init; } = new HashSet<string>();
}
