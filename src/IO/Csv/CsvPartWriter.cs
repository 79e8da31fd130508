using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.IO.Text;

namespace Tessera.IO.Csv;

/// <summary>
/// Writes one record batch as a CSV file the way pandas' <c>to_csv(index=False)</c> does: a header
/// row, nulls and NaN as empty fields, booleans as True/False, timestamps as
/// <c>yyyy-MM-dd HH:mm:ss[.fffffffff]</c>, fields quoted only when they hold a comma, a quote or a
/// line break. Compressed by the path's extension (<c>.gz</c>, <c>.zst</c>); written under a
/// temporary name and renamed when complete.
/// </summary>
public static class CsvPartWriter
{
    /// <summary>Writes <paramref name="batch"/> to <paramref name="path"/>; returns the file's size in bytes.</summary>
    public static long Write(string path, RecordBatch batch)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // The temporary name keeps the extension, which says how to compress.
        var temporary = Path.Combine(folder, $".tmp-{Guid.NewGuid():N}-{Path.GetFileName(path)}");
        try
        {
            using (var stream = TextStreams.OpenWrite(temporary))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
            {
                writer.NewLine = "\n";
                var fields = batch.Schema.FieldsList;
                writer.WriteLine(string.Join(",", fields.Select(f => Quote(f.Name))));
                var columns = Enumerable.Range(0, fields.Count).Select(c => Formatter(batch.Column(c))).ToArray();
                var line = new StringBuilder();
                for (var r = 0; r < batch.Length; r++)
                {
                    line.Clear();
                    for (var c = 0; c < columns.Length; c++)
                    {
                        if (c > 0)
                        {
                            line.Append(',');
                        }
                        columns[c](line, r);
                    }
                    writer.WriteLine(line);
                }
            }
            File.Move(temporary, path, overwrite: true);
            return new FileInfo(path).Length;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static Action<StringBuilder, int> Formatter(IArrowArray column)
    {
        var culture = CultureInfo.InvariantCulture;
        Action<StringBuilder, int> valid = column switch
        {
            Int64Array a => (s, r) => s.Append(a.Values[r].ToString(culture)),
            Int32Array a => (s, r) => s.Append(a.Values[r].ToString(culture)),
            Int16Array a => (s, r) => s.Append(a.Values[r].ToString(culture)),
            Int8Array a => (s, r) => s.Append(a.Values[r].ToString(culture)),
            UInt64Array a => (s, r) => s.Append(a.Values[r].ToString(culture)),
            UInt32Array a => (s, r) => s.Append(a.Values[r].ToString(culture)),
            UInt16Array a => (s, r) => s.Append(a.Values[r].ToString(culture)),
            UInt8Array a => (s, r) => s.Append(a.Values[r].ToString(culture)),
            DoubleArray a => (s, r) => Float(s, a.Values[r]),
            FloatArray a => (s, r) => Float(s, a.Values[r]),
            BooleanArray a => (s, r) => s.Append(a.GetValue(r) == true ? "True" : "False"),
            StringArray a => (s, r) => s.Append(Quote(a.GetString(r))),
            Date32Array a => (s, r) => s.Append(DateTime.UnixEpoch.AddDays(a.Values[r]).ToString("yyyy-MM-dd", culture)),
            TimestampArray a => (s, r) => Timestamp(s, (TimestampType)a.Data.DataType, a.Values[r]),
            DictionaryArray a => Dictionary(a),
            _ => throw new NotSupportedException($"CSV output of {column.Data.DataType.Name} columns is not supported; cast the column to a number or string first."),
        };
        return column.NullCount == 0 ? valid : (s, r) =>
        {
            if (column.IsValid(r))
            {
                valid(s, r);
            }
        };
    }

    private static Action<StringBuilder, int> Dictionary(DictionaryArray a)
    {
        var values = Formatter(a.Dictionary);
        return (s, r) => values(s, a.Indices switch
        {
            Int32Array i => i.Values[r],
            Int16Array i => i.Values[r],
            Int8Array i => i.Values[r],
            Int64Array i => (int)i.Values[r],
            _ => throw new NotSupportedException($"Dictionary indices of type {a.Indices.Data.DataType.Name} are not supported."),
        });
    }

    // pandas writes NaN as an empty field and infinities as inf/-inf; "R" is the shortest text that reads back exactly.
    private static void Float(StringBuilder s, double value)
    {
        if (double.IsNaN(value))
        {
            return;
        }
        s.Append(double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf" : value.ToString("R", CultureInfo.InvariantCulture));
    }

    private static void Timestamp(StringBuilder s, TimestampType type, long value)
    {
        var (perSecond, digits) = type.Unit switch
        {
            TimeUnit.Nanosecond => (1_000_000_000L, 9),
            TimeUnit.Microsecond => (1_000_000L, 6),
            TimeUnit.Millisecond => (1_000L, 3),
            _ => (1L, 0),
        };
        var seconds = Math.DivRem(value, perSecond, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += perSecond;
        }
        s.Append(DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        if (fraction != 0)
        {
            s.Append('.').Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0'));
        }
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
