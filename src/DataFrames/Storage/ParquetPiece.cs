namespace Tessera.DataFrames.Storage;

/// <summary>
/// One partition of a Parquet read: some row groups of one file (none: an empty partition), and
/// the string columns dictionary-encoded in all of them (read as codes, see <see cref="IO.Parquet.DictionaryStringArray"/>).
/// </summary>
internal sealed record ParquetPiece(string Path, int[] RowGroups, long Rows, string[] DictionaryColumns);
