using Apache.Arrow;

namespace Tessera.IO.Csv;

/// <summary>
/// Parses one block's bytes into a record batch, filling the Arrow column bytes directly. A row
/// that does not fit (too many fields, a field that is not its column's type, broken quoting) is
/// an error naming the file, line and column, or, under <see cref="BadRowAction.Skip"/>, dropped
/// and counted. A row with too few fields gets nulls in the missing columns, as in pandas.
/// </summary>
public static class CsvBlockParser
{
    /// <summary>Reads and parses <paramref name="block"/>.</summary>
    public static CsvBlockResult Read(CsvBlock block, CsvLayout layout)
    {
        var data = CsvFiles.ReadBlock(block, out var offset, out var length);
        try
        {
            return Parse(data.AsSpan(0, length), layout, block.Path, offset, block.IsFileStart);
        }
        finally
        {
            // The columns hold copies of every value, so the block's bytes go back to the pool: fresh
            // 16 MiB arrays per block were large-object allocations, each a step toward a blocking
            // full collection while other blocks parse.
            System.Buffers.ArrayPool<byte>.Shared.Return(data);
        }
    }

    /// <summary>
    /// Parses <paramref name="data"/>, the rows of <paramref name="path"/> from byte
    /// <paramref name="offset"/> on; <paramref name="fileStart"/> says it begins with the header line.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static CsvBlockResult Parse(ReadOnlySpan<byte> data, CsvLayout layout, string path, long offset, bool fileStart)
    {
        // Capacity from a vectorised newline count, less the header and a final newline's empty
        // tail: at least the rows there are, so no builder regrows, and usually exactly them, so a
        // string column's codes are handed over without a copy.
        var rows = data.Count((byte)'\n') + (data.Length > 0 && data[^1] != '\n' ? 1 : 0) - (fileStart && layout.Options.HasHeader ? 1 : 0);
        rows = Math.Max(rows, 0);
        var builders = layout.Types.Select(t => CsvColumnBuilder.For(t, rows, layout.Options.DictionaryEncodeStrings)).ToArray();
        var stops = new CsvStopScanner(layout.Separator);
        var tokenizer = new CsvTokenizer(layout.Separator, stops);
        var fields = new CsvFields();
        var target = layout.Target;
        var fileColumns = layout.FileColumns.Count;
        var position = 0;
        var count = 0;
        long skipped = 0;
        if (fileStart && layout.Options.HasHeader && tokenizer.Next(data, ref position, fields))
        {
            CheckHeader(data, fields, layout, path);
        }
        while (true)
        {
            count += CsvPlainRows.ReadRows(data, ref position, stops, layout, builders, out var newlines);
            tokenizer.CountLines(newlines);
            // The fast path may have appended some of the next row's values before it gave up.
            foreach (var builder in builders)
            {
                if (builder.Count != count)
                {
                    builder.Truncate(count);
                }
            }
            if (!tokenizer.Next(data, ref position, fields))
            {
                break;
            }
            string? problem = tokenizer.Problem;
            var badColumn = -1;
            if (fields.Count > fileColumns)
            {
                problem ??= $"expected {fileColumns} fields, saw {fields.Count}";
            }
            for (var c = 0; c < fileColumns && problem is null; c++)
            {
                var t = target[c];
                if (t < 0)
                {
                    continue;
                }
                var builder = builders[t];
                if (c >= fields.Count)
                {
                    builder.AppendNull();
                    continue;
                }
                var field = fields[c];
                var text = data.Slice(field.Start, field.Length);
                if (layout.IsNull(text))
                {
                    builder.AppendNull();
                }
                else if (field.Quoted && builder is CsvStringBuilder strings)
                {
                    strings.AppendUnescaped(text);
                }
                else if (!builder.Append(field.Quoted ? System.Text.Encoding.UTF8.GetBytes(CsvTokenizer.Text(data, field)) : text))
                {
                    badColumn = c;
                    problem = $"'{CsvTokenizer.Text(data, field)}' is not a {TypeText(builder.Type)}. " +
                        $"Pass DTypes with another type for column '{layout.FileColumns[c]}' (e.g. StringType.Default), or OnBadRow = Skip to drop such rows";
                }
            }
            if (problem is null)
            {
                count++;
                continue;
            }
            if (layout.Options.OnBadRow == BadRowAction.Skip)
            {
                foreach (var builder in builders)
                {
                    builder.Truncate(count);
                }
                skipped++;
                continue;
            }
            var line = CsvFiles.LinesBefore(path, offset) + tokenizer.RowLine + 1;
            throw new CsvFormatException(path, line, badColumn >= 0 ? layout.FileColumns[badColumn] : null, problem);
        }
        layout.Options.Counters?.AddBlock(builders.Length, builders.Count(b => b is CsvStringBuilder { IsCoded: true }));
        var arrays = builders.Select(b => b.Build()).ToArray();
        return new CsvBlockResult(new RecordBatch(layout.Schema, arrays, count), skipped);
    }

    private static void CheckHeader(ReadOnlySpan<byte> data, CsvFields fields, CsvLayout layout, string path)
    {
        if (layout.HeaderFields is not { } expected)
        {
            return;
        }
        var names = new string[fields.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = CsvTokenizer.Text(data, fields[i]);
        }
        if (!names.SequenceEqual(expected))
        {
            throw new CsvFormatException(path, 1, null,
                $"the header [{string.Join(", ", names)}] differs from the first file's [{string.Join(", ", expected)}]. " +
                "Every file of one read must have the same columns; read the files separately and Concat them.");
        }
    }

    internal static string TypeText(Apache.Arrow.Types.IArrowType type) => type.TypeId switch
    {
        Apache.Arrow.Types.ArrowTypeId.Int64 => "64-bit integer",
        Apache.Arrow.Types.ArrowTypeId.Int32 => "32-bit integer",
        Apache.Arrow.Types.ArrowTypeId.Double => "number",
        Apache.Arrow.Types.ArrowTypeId.Float => "number",
        Apache.Arrow.Types.ArrowTypeId.Boolean => "boolean (True/False)",
        Apache.Arrow.Types.ArrowTypeId.Timestamp => "date-time (ISO 8601)",
        Apache.Arrow.Types.ArrowTypeId.Date32 => "date (ISO 8601)",
        _ => type.Name,
    };
}
