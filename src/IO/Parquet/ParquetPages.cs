using System.Buffers.Binary;

namespace Tessera.IO.Parquet;

/// <summary>
/// Counts the pages of column chunks by walking their page headers on disk, the way a reader
/// meets them: each header (Thrift compact) gives the page's type and compressed size, the next
/// header follows the page. Arrow C++ decodes every page of a chunk it reads and does not report
/// them, so this walk is how <see cref="ParquetReadCounters"/> knows how many pages a read decoded.
/// It runs only when a read is counted (tests and diagnostics), never on a plain read.
/// </summary>
internal static class ParquetPages
{
    // Thrift field ids: FileMetaData.row_groups, RowGroup.columns, ColumnChunk.meta_data,
    // ColumnMetaData.{total_compressed_size, data_page_offset, dictionary_page_offset},
    // PageHeader.{type, compressed_page_size, data_page_header, data_page_header_v2}, *.num_values.
    private const short RowGroups = 4, Columns = 1, MetaData = 3, TotalCompressedSize = 7, DataPageOffset = 9, DictionaryPageOffset = 11;
    private const short PageType = 1, CompressedPageSize = 3, DataPageHeader = 5, DataPageHeaderV2 = 8, NumValues = 1;
    private const long DictionaryPage = 2;

    /// <summary>The pages of one column chunk: data pages (v1 and v2), dictionary pages, and the values the data pages hold.</summary>
    public readonly record struct ChunkPages(long DataPages, long DictionaryPages, long Values);

    /// <summary>The pages of the chunks of leaf columns <paramref name="leaves"/> in row groups <paramref name="rowGroups"/> of <paramref name="path"/>, leaf by leaf (summed over the row groups).</summary>
    /// <exception cref="ParquetFormatException">The footer or a page header cannot be read.</exception>
    public static ChunkPages[] Count(string path, IReadOnlyList<int> rowGroups, IReadOnlyList<int> leaves)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var result = new ChunkPages[leaves.Count];
        try
        {
            var groups = List(Footer(file), RowGroups);
            foreach (var g in rowGroups)
            {
                var chunks = List((List<ThriftCompact.Field>)groups[g]!, Columns);
                for (var c = 0; c < leaves.Count; c++)
                {
                    var meta = (List<ThriftCompact.Field>)Value(chunks[leaves[c]] as List<ThriftCompact.Field>, MetaData, "ColumnChunk.meta_data")!;
                    var pages = Walk(file, meta);
                    result[c] = new ChunkPages(result[c].DataPages + pages.DataPages, result[c].DictionaryPages + pages.DictionaryPages, result[c].Values + pages.Values);
                }
            }
            return result;
        }
        catch (Exception e) when (e is InvalidDataException or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException or InvalidCastException or NullReferenceException)
        {
            throw new ParquetFormatException(path, "page headers", $"they could not be walked ({e.Message}); the file is corrupted. Write it again.", e);
        }
    }

    private static List<ThriftCompact.Field> Footer(Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        var length = RandomAccess.GetLength(file);
        Span<byte> tail = stackalloc byte[8];
        RandomAccess.Read(file, tail, length - 8);
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footerLength <= 0 || footerLength > length - 12)
        {
            throw new InvalidDataException($"footer length {footerLength} does not fit a {length}-byte file");
        }
        var footer = new byte[footerLength];
        RandomAccess.Read(file, footer, length - 8 - footerLength);
        var at = 0;
        return ThriftCompact.ReadStruct(footer, ref at);
    }

    // One chunk's bytes (headers included: total_compressed_size counts them), read at once and walked.
    private static ChunkPages Walk(Microsoft.Win32.SafeHandles.SafeFileHandle file, List<ThriftCompact.Field> meta)
    {
        var data = (long)Value(meta, DataPageOffset, "ColumnMetaData.data_page_offset")!;
        var start = meta.Find(f => f.Id == DictionaryPageOffset)?.Value is long dictionary && dictionary > 0 ? Math.Min(dictionary, data) : data;
        var size = (long)Value(meta, TotalCompressedSize, "ColumnMetaData.total_compressed_size")!;
        var bytes = new byte[checked((int)size)];
        if (RandomAccess.Read(file, bytes, start) != bytes.Length)
        {
            throw new InvalidDataException($"the chunk at byte {start} claims {size} bytes, past the end of the file");
        }
        long dataPages = 0, dictionaryPages = 0, values = 0;
        var at = 0;
        while (at < bytes.Length)
        {
            var header = ThriftCompact.ReadStruct(bytes, ref at);
            var compressed = (long)Value(header, CompressedPageSize, "PageHeader.compressed_page_size")!;
            if ((long)Value(header, PageType, "PageHeader.type")! == DictionaryPage)
            {
                dictionaryPages++;
            }
            else if ((header.Find(f => f.Id == DataPageHeader) ?? header.Find(f => f.Id == DataPageHeaderV2))?.Value is List<ThriftCompact.Field> page)
            {
                dataPages++;
                values += (long)Value(page, NumValues, "num_values")!;
            }
            at = checked((int)(at + compressed));
        }
        return new ChunkPages(dataPages, dictionaryPages, values);
    }

    private static List<object?> List(List<ThriftCompact.Field> fields, short id) =>
        (Value(fields, id, $"field {id}") as ThriftCompact.ListValue)?.Items ?? throw new InvalidDataException($"field {id} is not a list");

    private static object? Value(List<ThriftCompact.Field>? fields, short id, string what) =>
        (fields ?? throw new InvalidDataException($"{what}: its struct is missing")).Find(f => f.Id == id)?.Value
        ?? throw new InvalidDataException($"{what} is missing");
}
