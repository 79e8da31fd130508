using Apache.Arrow;
using Apache.Arrow.Types;
using ParquetSharp;

namespace Tessera.IO.Parquet;

/// <summary>
/// What a Parquet file's footer says, read once when a dataset is opened: the Arrow schema its
/// columns read as, and its row groups with their statistics (for predicate pushdown).
/// </summary>
public sealed class ParquetFileInfo
{
    private ParquetFileInfo(string path, Schema schema, IReadOnlyList<ParquetRowGroupInfo> rowGroups)
    {
        Path = path;
        Schema = schema;
        RowGroups = rowGroups;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The columns as Arrow reads them.</summary>
    public Schema Schema { get; }

    /// <summary>The row groups in file order.</summary>
    public IReadOnlyList<ParquetRowGroupInfo> RowGroups { get; }

    /// <summary>Rows in the file.</summary>
    public long Rows => RowGroups.Sum(g => g.Rows);

    /// <summary>Reads the footer of <paramref name="path"/>.</summary>
    /// <exception cref="ParquetFormatException">The file is not Parquet, truncated or its footer is corrupted.</exception>
    public static ParquetFileInfo Read(string path)
    {
        ParquetFiles.CheckMagic(path);
        try
        {
            using var reader = new ParquetSharp.Arrow.FileReader(path);
            var schema = reader.Schema;
            var manifest = reader.SchemaManifest;
            var metadata = reader.ParquetReader.FileMetaData;
            var groups = new List<ParquetRowGroupInfo>(metadata.NumRowGroups);
            for (var g = 0; g < metadata.NumRowGroups; g++)
            {
                using var rowGroup = reader.ParquetReader.RowGroup(g);
                var meta = rowGroup.MetaData;
                var statistics = new Dictionary<string, ParquetColumnStatistics>(StringComparer.Ordinal);
                var dictionaries = new HashSet<string>(StringComparer.Ordinal);
                long bytes = 0;
                for (var f = 0; f < schema.FieldsList.Count; f++)
                {
                    var column = manifest.SchemaField(f).ColumnIndex;
                    if (column < 0)
                    {
                        continue; // nested: no single chunk to judge by
                    }
                    using var chunk = meta.GetColumnChunkMetaData(column);
                    bytes += chunk.TotalCompressedSize;
                    statistics[schema.FieldsList[f].Name] = StatisticsOf(chunk, schema.FieldsList[f].DataType, meta.NumRows);
                    if (ParquetDictionaryReads.Worthwhile(chunk, schema.FieldsList[f].DataType))
                    {
                        dictionaries.Add(schema.FieldsList[f].Name);
                    }
                }
                groups.Add(new ParquetRowGroupInfo(g, meta.NumRows, bytes, statistics) { DictionaryColumns = dictionaries });
            }
            return new ParquetFileInfo(path, schema, groups);
        }
        catch (ParquetException e)
        {
            throw new ParquetFormatException(path, "footer", $"{e.Message.Trim()} The file is truncated or corrupted; write it again from its source.", e);
        }
    }

    private static ParquetColumnStatistics StatisticsOf(ColumnChunkMetaData chunk, IArrowType type, long rows)
    {
        if (!chunk.IsStatsSet)
        {
            return new ParquetColumnStatistics(null, null, -1, rows);
        }
        using var statistics = chunk.Statistics;
        if (statistics is null)
        {
            return new ParquetColumnStatistics(null, null, -1, rows);
        }
        var nulls = statistics.NullCount;
        if (!statistics.HasMinMax)
        {
            return new ParquetColumnStatistics(null, null, nulls, rows);
        }
        var (min, max) = (Value(statistics.MinUntyped, type), Value(statistics.MaxUntyped, type));
        return min is null || max is null ? new ParquetColumnStatistics(null, null, nulls, rows) : new ParquetColumnStatistics(min, max, nulls, rows);
    }

    // Only types whose physical order is their value order: signed integers, floats, dates,
    // timestamps, booleans and UTF-8 strings (compared as unsigned bytes, which is code point order).
    private static object? Value(object? raw, IArrowType type) => (type.TypeId, raw) switch
    {
        (ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Date32, int i) => (long)i,
        (ArrowTypeId.Int64 or ArrowTypeId.Timestamp, long l) => l,
        (ArrowTypeId.Float, float f) => (double)f,
        (ArrowTypeId.Double, double d) => d,
        (ArrowTypeId.Boolean, bool b) => b,
        (ArrowTypeId.String or ArrowTypeId.LargeString, ByteArray bytes) => Utf8(bytes),
        (ArrowTypeId.Dictionary, ByteArray bytes) when ((DictionaryType)type).ValueType.TypeId == ArrowTypeId.String => Utf8(bytes),
        _ => null,
    };

    private static unsafe string Utf8(ByteArray bytes) =>
        bytes.Length == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(new ReadOnlySpan<byte>((void*)bytes.Pointer, bytes.Length));
}
