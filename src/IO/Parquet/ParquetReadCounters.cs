using System.Collections.Concurrent;

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
    private long _pages;
    private long _dictionaryPages;
    private long _pageValues;
    private readonly ConcurrentDictionary<string, long> _pagesByColumn = new(StringComparer.Ordinal);

    /// <summary>Row groups whose data pages were read.</summary>
    public long RowGroupsRead => Interlocked.Read(ref _rowGroups);

    /// <summary>Column chunks (one column's pages in one row group) read.</summary>
    public long ColumnChunksRead => Interlocked.Read(ref _columnChunks);

    /// <summary>Bytes read from the files, footers included.</summary>
    public long BytesRead => Interlocked.Read(ref _bytes);

    /// <summary>Files opened to read data.</summary>
    public long FilesOpened => Interlocked.Read(ref _files);

    /// <summary>
    /// Data pages (v1 and v2) decoded: every page of every column chunk read, found by walking
    /// the chunks' page headers (a counted read pays for that walk; a plain read does not).
    /// </summary>
    public long PagesRead => Interlocked.Read(ref _pages);

    /// <summary>Dictionary pages decoded (at most one a column chunk).</summary>
    public long DictionaryPagesRead => Interlocked.Read(ref _dictionaryPages);

    /// <summary>Values (nulls included) in the data pages read, as their page headers give them.</summary>
    public long PageValuesRead => Interlocked.Read(ref _pageValues);

    /// <summary>Data pages read by column name, for the columns that had any read.</summary>
    public IReadOnlyDictionary<string, long> PagesReadByColumn => new Dictionary<string, long>(_pagesByColumn, StringComparer.Ordinal);

    internal void AddPages(string column, ParquetPages.ChunkPages pages)
    {
        Interlocked.Add(ref _pages, pages.DataPages);
        Interlocked.Add(ref _dictionaryPages, pages.DictionaryPages);
        Interlocked.Add(ref _pageValues, pages.Values);
        _pagesByColumn.AddOrUpdate(column, pages.DataPages, (_, before) => before + pages.DataPages);
    }

    internal void AddRowGroups(long rowGroups, long columnChunks)
    {
        Interlocked.Add(ref _rowGroups, rowGroups);
        Interlocked.Add(ref _columnChunks, columnChunks);
    }

    internal void AddBytes(long bytes) => Interlocked.Add(ref _bytes, bytes);

    internal void AddFile() => Interlocked.Increment(ref _files);
}
