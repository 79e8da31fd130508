namespace Tessera.DataFrames.Storage;

/// <summary>One partition of a Parquet read: some row groups of one file (none: an empty partition).</summary>
internal sealed record ParquetPiece(string Path, int[] RowGroups, long Rows);
