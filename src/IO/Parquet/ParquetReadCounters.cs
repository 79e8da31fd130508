namespace Tessera.IO.Parquet;

/// <summary>
/// What a read fetched from disk, counted as it happens (thread-safe: partitions read in
/// parallel add to one instance). Tests use it to prove that projection and predicate pushdown
/// skip data rather than filter it after reading.
/// </summary>
public sealed class ParquetReadCounters
{
    private long _rowGroups;
    private long _columnChunks;
    private long _bytes;
    private long _files;

    /// <summary>Row groups whose data pages were read.</summary>
    public long RowGroupsRead => Interlocked.Read(ref _rowGroups);

    /// <summary>Column chunks (one column's pages in one row group) read.</summary>
    public long ColumnChunksRead => Interlocked.Read(ref _columnChunks);

    /// <summary>Bytes read from the files, footers included.</summary>
    public long BytesRead => Interlocked.Read(ref _bytes);

    /// <summary>Files opened to read data.</summary>
    public long FilesOpened => Interlocked.Read(ref _files);

    internal void AddRowGroups(long rowGroups, long columnChunks)
    {
        Interlocked.Add(ref _rowGroups, rowGroups);
        Interlocked.Add(ref _columnChunks, columnChunks);
    }

    internal void AddBytes(long bytes) => Interlocked.Add(ref _bytes, bytes);

    internal void AddFile() => Interlocked.Increment(ref _files);
}
