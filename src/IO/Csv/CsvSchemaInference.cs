using System.Text;
using Apache.Arrow.Types;

namespace Tessera.IO.Csv;

/// <summary>
/// Decides a read's columns and their types from a sample of the first file, as dask does: a column
/// is int64 when every sampled value is an integer, else double when every value is a number, else
/// boolean for True/False, else string; a column of nulls only is double (pandas' NaN column).
/// Types given in <see cref="CsvReadOptions.DTypes"/> and <see cref="CsvReadOptions.ParseDates"/> win.
/// A later value that does not fit the inferred type is an error that says which type to pass.
/// </summary>
public static class CsvSchemaInference
{
    /// <summary>The layout for reading <paramref name="files"/> with <paramref name="options"/>.</summary>
    public static CsvLayout Infer(IReadOnlyList<string> files, CsvReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (files.Count == 0)
        {
            throw new ArgumentException("No CSV files to read.", nameof(files));
        }
        var sample = Sample(files[0], options.SampleBytes);
        var tokenizer = new CsvTokenizer((byte)options.Separator);
        var fields = new CsvFields();
        var position = 0;
        var rows = new List<string[]>();
        while (tokenizer.Next(sample, ref position, fields))
        {
            var row = new string[fields.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = CsvTokenizer.Text(sample, fields[i]);
            }
            rows.Add(row);
        }
        string[]? header = options.HasHeader && rows.Count > 0 ? rows[0] : null;
        var data = options.HasHeader && rows.Count > 0 ? rows.Skip(1).ToList() : rows;
        var width = header?.Length ?? (data.Count > 0 ? data[0].Length : options.ColumnNames?.Count ?? 0);
        var names = options.ColumnNames is { } given
            ? given.Count == width ? [.. given] : throw new ArgumentException(
                $"ColumnNames has {given.Count} names; '{files[0]}' has {width} columns. Pass one name per column.", nameof(options))
            : header ?? [.. Enumerable.Range(0, width).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var kept = Kept(names, options, files[0]);
        var nullSet = new HashSet<string>(options.NullValues, StringComparer.Ordinal);
        var types = kept.Select(c => TypeOf(names[c], c, data, options, nullSet)).ToArray();
        return new CsvLayout(options, names, kept, types, header);
    }

    private static int[] Kept(string[] names, CsvReadOptions options, string file)
    {
        if (options.UseColumns is not { } use)
        {
            return [.. Enumerable.Range(0, names.Length)];
        }
        foreach (var name in use)
        {
            if (Array.IndexOf(names, name) < 0)
            {
                throw new ArgumentException(
                    $"UseColumns names '{name}', which '{file}' does not have. Its columns are: {string.Join(", ", names)}.", nameof(options));
            }
        }
        // pandas keeps usecols in file order, whatever order the list has.
        return [.. Enumerable.Range(0, names.Length).Where(c => use.Contains(names[c]))];
    }

    private static IArrowType TypeOf(string name, int column, List<string[]> rows, CsvReadOptions options, HashSet<string> nulls)
    {
        if (options.DTypes is { } dtypes && dtypes.TryGetValue(name, out var given))
        {
            return given;
        }
        if (options.ParseDates is { } dates && dates.Contains(name))
        {
            return new TimestampType(TimeUnit.Nanosecond, (string?)null);
        }
        bool ints = true, numbers = true, bools = true, any = false;
        foreach (var row in rows)
        {
            if (column >= row.Length || nulls.Contains(row[column]))
            {
                continue;
            }
            any = true;
            var bytes = Encoding.UTF8.GetBytes(row[column]);
            ints = ints && CsvNumbers.TryParseInt64(bytes, out _);
            numbers = numbers && CsvNumbers.TryParseDouble(bytes, out _);
            bools = bools && row[column] is "True" or "False" or "true" or "false" or "TRUE" or "FALSE";
            if (!ints && !numbers && !bools)
            {
                return StringType.Default;
            }
        }
        return !any ? DoubleType.Default
            : ints ? Int64Type.Default
            : numbers ? DoubleType.Default
            : bools ? BooleanType.Default
            : StringType.Default;
    }

    // Whole rows only: the sample ends at its last newline unless it is the whole file.
    private static byte[] Sample(string path, int bytes)
    {
        var compression = CsvFiles.CompressionOf(path);
        using var file = File.OpenRead(path);
        using Stream stream = compression switch
        {
            CsvCompression.Gzip => new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress),
            CsvCompression.Zstd => new ZstdSharp.DecompressionStream(file),
            _ => file,
        };
        var buffer = new byte[bytes];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                return buffer[..read];
            }
            read += n;
        }
        var last = buffer.AsSpan().LastIndexOf((byte)'\n');
        return last < 0 ? buffer : buffer[..(last + 1)];
    }
}
