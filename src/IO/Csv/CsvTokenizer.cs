namespace Tessera.IO.Csv;

/// <summary>A field of a row: where its text is in the block, and whether it was quoted (its text is then the content between the quotes, doubled quotes still doubled).</summary>
internal readonly record struct CsvField(int Start, int Length, bool Quoted);

/// <summary>
/// The fields of the current row: a reused array. (A List of a struct defined here is compiled
/// when first used, at the lowest tier; this stays inlined into the optimised parse loop.)
/// </summary>
internal sealed class CsvFields
{
    private CsvField[] _items = new CsvField[16];

    public int Count { get; private set; }

    public CsvField this[int index] => _items[index];

    public void Clear() => Count = 0;

    public void Add(CsvField field)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        _items[Count++] = field;
    }
}

/// <summary>
/// Splits rows into fields. Unquoted fields end at the separator or newline (read off the
/// 64-byte masks of <see cref="CsvStopScanner"/>); a field that opens with a quote runs to its closing quote and may hold separators
/// and newlines. Blank lines are skipped, as pandas does; a trailing carriage return is dropped.
/// </summary>
internal sealed class CsvTokenizer
{
    private readonly CsvStopScanner _stops;
    private readonly byte _separator;

    /// <summary>A tokenizer; <paramref name="stops"/> is the field-end scanner it shares with a fast path over the same data, if any.</summary>
    public CsvTokenizer(byte separator, CsvStopScanner? stops = null)
    {
        _separator = separator;
        _stops = stops ?? new CsvStopScanner(separator);
    }

    /// <summary>Lines consumed so far (newlines passed, including those inside quoted fields and blank lines).</summary>
    public long Lines { get; private set; }

    /// <summary>Counts newlines consumed by a reader other than this one (the fast path of <see cref="CsvPlainRows"/>).</summary>
    public void CountLines(int newlines) => Lines += newlines;

    /// <summary>The line (0-based, in the block) the last row returned began on.</summary>
    public long RowLine { get; private set; }

    /// <summary>Set when the last row had a quoting error; the row's fields up to it are returned.</summary>
    public string? Problem { get; private set; }

    /// <summary>
    /// Reads the row at <paramref name="position"/> into <paramref name="fields"/> and moves past it;
    /// false at the end of the data.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool Next(ReadOnlySpan<byte> data, ref int position, CsvFields fields)
    {
        fields.Clear();
        Problem = null;
        var pos = position;
        // Blank lines are not rows.
        while (pos < data.Length && (data[pos] == '\n' || (data[pos] == '\r' && pos + 1 < data.Length && data[pos + 1] == '\n')))
        {
            pos += data[pos] == '\r' ? 2 : 1;
            Lines++;
        }
        if (pos >= data.Length)
        {
            position = pos;
            return false;
        }
        RowLine = Lines;
        while (true)
        {
            int end;
            if (pos < data.Length && data[pos] == '"')
            {
                var close = CsvQuotes.FindClose(data, pos);
                if (close < 0)
                {
                    Problem = "a quoted field has no closing quote";
                    fields.Add(new CsvField(pos + 1, data.Length - pos - 1, true));
                    Lines += data[pos..].Count((byte)'\n');
                    position = data.Length;
                    return true;
                }
                Lines += data[(pos + 1)..close].Count((byte)'\n');
                fields.Add(new CsvField(pos + 1, close - pos - 1, true));
                end = close + 1;
                if (end < data.Length && data[end] == '\r')
                {
                    end++;
                }
                if (end < data.Length && data[end] != _separator && data[end] != '\n')
                {
                    Problem = "text follows a closing quote (a quote inside a quoted field must be doubled)";
                    var next = data[end..].IndexOf((byte)'\n');
                    position = next < 0 ? data.Length : end + next + 1;
                    Lines += next < 0 ? 0 : 1;
                    return true;
                }
            }
            else
            {
                var found = _stops.Next(data, pos);
                end = found < 0 ? data.Length : found;
                var length = end - pos;
                if ((end == data.Length || data[end] == '\n') && length > 0 && data[end - 1] == '\r')
                {
                    length--;
                }
                fields.Add(new CsvField(pos, length, false));
            }
            if (end >= data.Length)
            {
                position = data.Length;
                return true;
            }
            if (data[end] == '\n')
            {
                Lines++;
                position = end + 1;
                return true;
            }
            pos = end + 1;
            if (pos == data.Length)
            {
                // A separator right before the end: one more, empty, field.
                fields.Add(new CsvField(pos, 0, false));
                position = pos;
                return true;
            }
        }
    }

    /// <summary>The text of <paramref name="field"/> (a quoted field unescaped).</summary>
    public static string Text(ReadOnlySpan<byte> data, CsvField field)
    {
        var span = data.Slice(field.Start, field.Length);
        if (!field.Quoted || span.IndexOf((byte)'"') < 0)
        {
            return System.Text.Encoding.UTF8.GetString(span);
        }
        var buffer = new byte[span.Length];
        var n = CsvQuotes.Unescape(span, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, n);
    }
}
