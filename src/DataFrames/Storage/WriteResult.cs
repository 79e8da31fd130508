namespace Tessera.DataFrames;

/// <summary>What a write produced: the files in partition order, the rows written and the bytes on disk.</summary>
/// <param name="Files">The files written, one per partition, in order.</param>
/// <param name="Rows">Rows written in all.</param>
/// <param name="Bytes">Bytes of the files written.</param>
public sealed record WriteResult(IReadOnlyList<string> Files, long Rows, long Bytes);
