using Apache.Arrow;

namespace Tessera.IO.Csv;

/// <summary>One parsed block: its rows as a record batch, and how many malformed rows were skipped (only under <see cref="BadRowAction.Skip"/>).</summary>
/// <param name="Batch">The rows.</param>
/// <param name="SkippedRows">Rows dropped because they were malformed.</param>
public sealed record CsvBlockResult(RecordBatch Batch, long SkippedRows);
