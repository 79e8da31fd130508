using Apache.Arrow;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace Tessera.IO.Parquet;

/// <summary>
/// Reads chosen row groups and columns of one Parquet file into one Arrow record batch. Only the
/// chosen columns' chunks in the chosen row groups are fetched (Arrow C++ reads column chunks by
/// their byte ranges); the batch's buffers are Arrow C++'s, imported without a copy.
/// </summary>
public static class ParquetChunkReader
{
    /// <summary>
    /// Row groups <paramref name="rowGroups"/> of <paramref name="path"/>, columns
    /// <paramref name="columns"/> in that order (all when null), as one batch.
    /// </summary>
    /// <exception cref="ParquetFormatException">The file or a chunk is malformed.</exception>
    /// <param name="path">The file.</param>
    /// <param name="rowGroups">Row group indices, in the order wanted.</param>
    /// <param name="columns">Column names in the order wanted; every column when null.</param>
    /// <param name="counters">Where to count what was read, if anywhere.</param>
    /// <param name="rows">The rows of those row groups when the caller knows them (from <see cref="ParquetFileInfo"/>); read from the footer otherwise.</param>
    /// <param name="dictionaryColumns">String columns to read as codes and a dictionary
    /// (<see cref="ParquetRowGroupInfo.DictionaryColumns"/> of every row group read); they come back
    /// as <see cref="DictionaryStringArray"/>s, typed utf8 like the others.</param>
    public static RecordBatch Read(string path, IReadOnlyList<int> rowGroups, IReadOnlyList<string>? columns, ParquetReadCounters? counters = null, long? rows = null,
        IReadOnlyCollection<string>? dictionaryColumns = null)
    {
        counters?.AddFile();
        try
        {
            using var properties = ArrowReaderProperties.GetDefault();
            // One batch per read: the partition is the unit of work, so it is not cut again here.
            properties.BatchSize = Math.Max(1, Math.Min(rows ?? RowsOf(path, rowGroups), int.MaxValue));
            properties.UseThreads = false;
            var dictionaries = dictionaryColumns?.Count > 0 ? DictionaryLeaves(path, dictionaryColumns, counters) : [];
            foreach (var leaf in dictionaries)
            {
                properties.SetReadDictionary(leaf, true);
            }
            // Counting needs every read to pass through .NET; without counters Arrow C++ reads the
            // file itself, which saves a managed callback per read.
            using var reader = counters is null
                ? new FileReader(path, null, properties)
                : new FileReader(new CountingStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess), counters), null, properties, leaveOpen: false);
            var schema = reader.Schema;
            var names = columns ?? [.. schema.FieldsList.Select(f => f.Name)];
            var indices = names.Select(n => LeafOf(reader, schema, n, path)).ToArray();
            foreach (var g in rowGroups)
            {
                if (g < 0 || g >= reader.NumRowGroups)
                {
                    throw new ParquetFormatException(path, "row group index", $"row group {g} was asked for but the file has {reader.NumRowGroups}; the file changed since it was opened. Open the dataset again.");
                }
            }
            if (counters is not null)
            {
                counters.AddRowGroups(rowGroups.Count, (long)rowGroups.Count * indices.Length);
                var pages = ParquetPages.Count(path, rowGroups, indices);
                for (var c = 0; c < names.Count; c++)
                {
                    counters.AddPages(names[c], pages[c]);
                }
            }
            using var batches = reader.GetRecordBatchReader([.. rowGroups], indices);
            var pieces = new List<RecordBatch>();
            while (batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
            {
                pieces.Add(batch);
            }
            var managed = pieces.Select(ManagedDictionaries).ToList();
            return Ordered(Concatenate(managed, managed.Count > 0 ? managed[0].Schema : StringsFor(batches.Schema)), names);
        }
        // Arrow C++ reports decoding errors through the C stream interface as plain Exceptions.
        catch (Exception e) when (e is ParquetException || e.GetType() == typeof(Exception))
        {
            throw new ParquetFormatException(path, $"row group(s) {string.Join(", ", rowGroups)}", $"{e.Message.Trim()} The file is corrupted or truncated; write it again from its source.", e);
        }
    }

    // The leaf positions of the named columns, from the footer's schema alone (the read's
    // properties must name them before the reader opens the file).
    private static int[] DictionaryLeaves(string path, IReadOnlyCollection<string> names, ParquetReadCounters? counters)
    {
        using var metadata = counters is null
            ? new ParquetFileReader(path)
            : new ParquetFileReader(new CountingStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess), counters), leaveOpen: false);
        using var footer = metadata.FileMetaData;
        var schema = footer.Schema;
        return [.. names.Select(n => schema.ColumnIndex(n)).Where(leaf => leaf >= 0)];
    }

    // Columns read as dictionaries leave Arrow C++'s memory for managed codes and dictionary,
    // and keep the utf8 type the rest of Tessera knows them by.
    private static RecordBatch ManagedDictionaries(RecordBatch batch)
    {
        if (!batch.Arrays.Any(a => a is DictionaryArray { Dictionary: StringArray }))
        {
            return batch;
        }
        var columns = batch.Arrays.Select(a => a is DictionaryArray { Dictionary: StringArray } d ? ParquetDictionaryReads.ToManaged(d) : a).ToArray();
        GC.KeepAlive(batch);
        return new RecordBatch(StringsFor(batch.Schema), columns, batch.Length);
    }

    private static Schema StringsFor(Schema schema) => new(
        [.. schema.FieldsList.Select(f => f.DataType is Apache.Arrow.Types.DictionaryType { ValueType.TypeId: Apache.Arrow.Types.ArrowTypeId.String }
            ? new Field(f.Name, Apache.Arrow.Types.StringType.Default, f.IsNullable, f.Metadata)
            : f)],
        schema.Metadata);

    private static long RowsOf(string path, IReadOnlyList<int> rowGroups)
    {
        using var reader = new ParquetFileReader(path);
        long rows = 0;
        foreach (var g in rowGroups)
        {
            if (g >= 0 && g < reader.FileMetaData.NumRowGroups)
            {
                using var group = reader.RowGroup(g);
                rows += group.MetaData.NumRows;
            }
        }
        return Math.Min(rows, int.MaxValue);
    }

    private static int LeafOf(FileReader reader, Schema schema, string name, string path)
    {
        var field = schema.GetFieldIndex(name);
        if (field < 0)
        {
            throw new ArgumentException(
                $"'{path}' has no column '{name}'; its columns are [{string.Join(", ", schema.FieldsList.Select(f => f.Name))}]. Pass one of those.");
        }
        var leaf = reader.SchemaManifest.SchemaField(field).ColumnIndex;
        return leaf >= 0 ? leaf : throw new NotSupportedException($"Column '{name}' of '{path}' is nested ({schema.FieldsList[field].DataType.Name}); only flat columns are read.");
    }

    private static RecordBatch Concatenate(List<RecordBatch> pieces, Schema schema)
    {
        if (pieces.Count == 1)
        {
            return pieces[0];
        }
        if (pieces.Count == 0)
        {
            return new RecordBatch(schema, [.. schema.FieldsList.Select(f => ArrowArrayFactory.BuildArray(new Apache.Arrow.ArrayData(f.DataType, 0, 0, 0, EmptyBuffers(f))))], 0);
        }
        var columns = new IArrowArray[schema.FieldsList.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var parts = pieces.Select(p => p.Column(c)).ToArray();
            columns[c] = parts.All(p => p is DictionaryStringArray)
                ? ParquetDictionaryReads.Concatenate([.. parts.Cast<DictionaryStringArray>()])
                : ArrowArrayConcatenator.Concatenate(parts);
        }
        return new RecordBatch(schema, columns, pieces.Sum(p => p.Length));
    }

    private static ArrowBuffer[] EmptyBuffers(Field field) => field.DataType.TypeId switch
    {
        Apache.Arrow.Types.ArrowTypeId.String or Apache.Arrow.Types.ArrowTypeId.Binary => [ArrowBuffer.Empty, new ArrowBuffer.Builder<int>().Append(0).Build(), ArrowBuffer.Empty],
        _ => [ArrowBuffer.Empty, ArrowBuffer.Empty],
    };

    // The reader returns columns in file order whatever order was asked; callers expect theirs.
    private static RecordBatch Ordered(RecordBatch batch, IReadOnlyList<string> names)
    {
        var schema = batch.Schema;
        if (schema.FieldsList.Select(f => f.Name).SequenceEqual(names))
        {
            return batch;
        }
        var indices = names.Select(n => schema.GetFieldIndex(n)).ToArray();
        return new RecordBatch(new Schema([.. indices.Select(i => schema.FieldsList[i])], schema.Metadata), [.. indices.Select(i => batch.Column(i))], batch.Length);
    }
}
