using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;

namespace Tessera.DataFrames;

/// <summary>
/// Text as pandas prints it: a right-aligned table under the column names, the row numbers on the
/// left, floats of a column with the same number of decimals, NaN / &lt;NA&gt; / NaT for nulls,
/// and past 60 rows the first and last 5 with "..." between and the shape below.
/// </summary>
internal static class FrameFormatter
{
    private const int MaxRows = 60;
    private const int ShownEach = 5;

    public static string Format(Frame frame)
    {
        var rows = RowsShown(frame.RowCount);
        var columns = new List<string[]> { Index(rows) };
        var headers = new List<string> { "" };
        for (var c = 0; c < frame.ColumnCount; c++)
        {
            headers.Add(frame.Schema.GetFieldByIndex(c).Name);
            columns.Add(Cells(frame.Column(c), rows));
        }
        var text = new StringBuilder();
        if (frame.ColumnCount == 0)
        {
            text.Append("Empty Frame\nColumns: []\nIndex: []");
            return text.ToString();
        }
        var widths = columns.Select((cells, c) => Math.Max(headers[c].Length, Widest(cells))).ToArray();
        Ellipses(columns, widths);
        for (var c = 0; c < headers.Count; c++)
        {
            text.Append(c == 0 ? "" : "  ").Append(headers[c].PadLeft(widths[c]));
        }
        for (var r = 0; r < rows.Length; r++)
        {
            text.Append('\n');
            for (var c = 0; c < columns.Count; c++)
            {
                // pandas left-aligns the row labels, right-aligns values.
                var cell = columns[c][r];
                text.Append(c == 0 ? cell.PadRight(widths[c]) : "  " + cell.PadLeft(widths[c]));
            }
        }
        if (frame.RowCount > MaxRows)
        {
            text.Append("\n\n[").Append(frame.RowCount).Append(" rows x ").Append(frame.ColumnCount).Append(" columns]");
        }
        return text.ToString();
    }

    public static string FormatSeries(Series series)
    {
        var rows = RowsShown(series.Length);
        var index = Index(rows);
        var cells = Cells(series.Values, rows);
        var labelWidth = Widest(index);
        var width = Widest(cells);
        Ellipses([cells], [width]);
        for (var r = 0; r < rows.Length; r++)
        {
            // pandas leaves the label of a series' "..." row blank.
            index[r] = rows[r] < 0 ? "" : index[r];
        }
        var text = new StringBuilder();
        for (var r = 0; r < rows.Length; r++)
        {
            text.Append(index[r].PadRight(labelWidth)).Append("    ").Append(cells[r].PadLeft(width)).Append('\n');
        }
        if (series.Length > MaxRows)
        {
            text.Append("Name: ").Append(series.Name).Append(", Length: ").Append(series.Length)
                .Append(", dtype: ").Append(ArrowColumns.PandasName(series.Values.Data.DataType));
        }
        else
        {
            text.Append("Name: ").Append(series.Name).Append(", dtype: ").Append(ArrowColumns.PandasName(series.Values.Data.DataType));
        }
        return text.ToString();
    }

    // The widest real cell; the "..." row is fitted to the width afterwards.
    private static int Widest(string[] cells) => cells.Where(c => c != Ellipsis).Select(c => c.Length).DefaultIfEmpty(0).Max();

    // pandas writes "..." in a column at least three wide, ".." in a narrower one.
    private static void Ellipses(IReadOnlyList<string[]> columns, IReadOnlyList<int> widths)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            for (var r = 0; r < columns[c].Length; r++)
            {
                if (columns[c][r] == Ellipsis)
                {
                    columns[c][r] = widths[c] >= 3 ? "..." : "..";
                }
            }
        }
    }

    private const string Ellipsis = "\u2026";

    // Row numbers shown; -1 marks the "..." row.
    private static int[] RowsShown(int count) => count <= MaxRows
        ? [.. Enumerable.Range(0, count)]
        : [.. Enumerable.Range(0, ShownEach), -1, .. Enumerable.Range(count - ShownEach, ShownEach)];

    private static string[] Index(int[] rows) =>
        [.. rows.Select(r => r < 0 ? Ellipsis : r.ToString(CultureInfo.InvariantCulture))];

    private static string[] Cells(IArrowArray array, int[] rows)
    {
        var type = array.Data.DataType;
        var cells = new string[rows.Length];
        if (type.TypeId is ArrowTypeId.Double or ArrowTypeId.Float)
        {
            var values = rows.Select(r => r < 0 ? (double?)null : ArrowColumns.GetValue(array, r) is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : double.NaN).ToArray();
            var format = FloatFormat(values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value));
            for (var i = 0; i < rows.Length; i++)
            {
                cells[i] = values[i] is not { } v ? Ellipsis : double.IsNaN(v) ? "NaN" : double.IsInfinity(v) ? (v > 0 ? "inf" : "-inf") : v.ToString(format, CultureInfo.InvariantCulture);
            }
            return cells;
        }
        var dateOnly = type.TypeId is ArrowTypeId.Date32 || (type.TypeId is ArrowTypeId.Timestamp &&
            rows.All(r => r < 0 || ArrowColumns.GetValue(array, r) is not DateTime d || d.TimeOfDay == TimeSpan.Zero));
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] < 0)
            {
                cells[i] = Ellipsis;
                continue;
            }
            cells[i] = ArrowColumns.GetValue(array, rows[i]) switch
            {
                null => type.TypeId switch
                {
                    ArrowTypeId.String => "None",
                    ArrowTypeId.Timestamp or ArrowTypeId.Date32 => "NaT",
                    _ => "<NA>",
                },
                bool b => b ? "True" : "False",
                DateTime d => d.ToString(dateOnly ? "yyyy-MM-dd" : d.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? "",
            };
        }
        return cells;
    }

    // pandas shows up to 6 decimals, the same count for the whole column, at least one.
    private static string FloatFormat(IEnumerable<double> values)
    {
        var decimals = 1;
        foreach (var v in values)
        {
            var magnitude = Math.Abs(v);
            if (magnitude >= 1e16 || (magnitude != 0 && magnitude < 1e-4))
            {
                return "0.######e+00";
            }
            var text = v.ToString("0.######", CultureInfo.InvariantCulture);
            var point = text.IndexOf('.', StringComparison.Ordinal);
            if (point >= 0)
            {
                decimals = Math.Max(decimals, text.Length - point - 1);
            }
        }
        return "F" + decimals.ToString(CultureInfo.InvariantCulture);
    }
}
