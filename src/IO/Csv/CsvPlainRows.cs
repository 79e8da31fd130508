namespace Tessera.IO.Csv;

/// <summary>
/// The fast path of block parsing: a row whose fields are all unquoted and exactly as many as the
/// file's columns, read field by field straight into the column builders (no field list). Anything
/// else (a quote, a blank line, too few or too many fields, a value its column's type rejects) makes
/// it give up on the row, and the general path (<see cref="CsvTokenizer"/>) reads that row again from
/// its start: rare rows pay twice, every plain row pays once, and the errors stay the general path's.
/// </summary>
internal static class CsvPlainRows
{
    /// <summary>
    /// Reads plain rows from <paramref name="position"/> on, until one needs the general path or the
    /// data ends; returns how many were read. One call per run of rows, not per row.
    /// </summary>
    /// <param name="data">The block.</param>
    /// <param name="position">Where the first row begins; moved past the rows read.</param>
    /// <param name="stops">The field-end scanner over <paramref name="data"/>.</param>
    /// <param name="layout">The columns read and the null markers.</param>
    /// <param name="builders">The output columns, in <see cref="CsvLayout.Target"/> order.</param>
    /// <param name="newlines">The line ends the rows read consumed.</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int ReadRows(ReadOnlySpan<byte> data, ref int position, CsvStopScanner stops, CsvLayout layout,
        CsvColumnBuilder[] builders, out int newlines)
    {
        var rows = 0;
        newlines = 0;
        while (TryRead(data, ref position, stops, layout, builders, out var newline))
        {
            rows++;
            newlines += newline ? 1 : 0;
        }
        return rows;
    }

    /// <summary>
    /// Reads the row at <paramref name="position"/> into <paramref name="builders"/> and moves past it;
    /// false (with <paramref name="position"/> unmoved, and maybe some of the row's values appended,
    /// which the caller truncates) when the row needs the general path.
    /// </summary>
    /// <param name="data">The block.</param>
    /// <param name="position">Where the row begins; moved past it on success.</param>
    /// <param name="stops">The field-end scanner over <paramref name="data"/>.</param>
    /// <param name="layout">The columns read and the null markers.</param>
    /// <param name="builders">The output columns, in <see cref="CsvLayout.Target"/> order.</param>
    /// <param name="newline">True when the row ended with a newline (false at the end of the data).</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(ReadOnlySpan<byte> data, ref int position, CsvStopScanner stops, CsvLayout layout,
        CsvColumnBuilder[] builders, out bool newline)
    {
        newline = false;
        var target = layout.Target;
        var last = target.Length - 1;
        var pos = position;
        for (var c = 0; c <= last; c++)
        {
            if ((uint)pos >= (uint)data.Length)
            {
                // The data ends right after a separator: one more, empty, field (the general path adds it).
                return false;
            }
            var first = data[pos];
            if (first == '"' || (c == 0 && (first == '\n' || first == '\r')))
            {
                return false;
            }
            var end = stops.Next(data, pos);
            var lineEnd = end < 0 || data[end] == '\n';
            if (end < 0)
            {
                end = data.Length;
            }
            if (lineEnd != (c == last))
            {
                return false;
            }
            var length = end - pos;
            if (lineEnd && length > 0 && data[end - 1] == '\r')
            {
                length--;
            }
            var t = target[c];
            if (t >= 0)
            {
                var text = data.Slice(pos, length);
                var builder = builders[t];
                if (layout.IsNull(text))
                {
                    builder.AppendNull();
                }
                else if (!builder.Append(text))
                {
                    return false;
                }
            }
            pos = end + 1;
        }
        newline = pos <= data.Length;
        position = Math.Min(pos, data.Length);
        return true;
    }
}
