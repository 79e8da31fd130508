using System.Globalization;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.DataFrames.Tests;

/// <summary>
/// Compares a computed frame with pandas' (as <see cref="Pandas"/> returns it): column names in
/// order, dtypes, row count, and every value (nulls where pandas has NaN/None; numbers to a
/// relative 1e-9, which covers summation order across partitions). pandas turns an integer
/// column with nulls into float64; Arrow keeps int64 with nulls, and that pair is accepted.
/// </summary>
internal static class FrameAssert
{
    public static void Equal(JsonElement expected, Frame actual, bool sortRows = false, bool checkDtypes = true)
    {
        var columns = expected.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(columns, actual.Columns.ToArray());
        if (checkDtypes)
        {
            var dtypes = expected.GetProperty("dtypes").EnumerateArray().Select(c => c.GetString()!).ToArray();
            for (var c = 0; c < columns.Length; c++)
            {
                var column = actual.Column(c);
                var ours = PandasName(column.Data.DataType);
                var fits = ours == dtypes[c] || (dtypes[c] == "float64" && ours == "int64" && column.NullCount > 0)
                    || (dtypes[c] == "object" && ours == "bool" && column.NullCount > 0);
                Assert.True(fits, $"column '{columns[c]}': pandas has {dtypes[c]}, Tessera {ours} ({column.NullCount} nulls)");
            }
        }
        var rows = expected.GetProperty("data").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToList();
        Assert.Equal(rows.Count, actual.RowCount);
        var ours2 = Enumerable.Range(0, actual.RowCount)
            .Select(r => Enumerable.Range(0, actual.ColumnCount).Select(c => Value(actual.Column(c), r)).ToArray()).ToList();
        var theirs = rows.Select(r => r.Select(Value).ToArray()).ToList();
        if (sortRows)
        {
            ours2 = [.. ours2.OrderBy(Key, StringComparer.Ordinal)];
            theirs = [.. theirs.OrderBy(Key, StringComparer.Ordinal)];
        }
        for (var r = 0; r < theirs.Count; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                Same(theirs[r][c], ours2[r][c], $"row {r}, column '{columns[c]}'");
            }
        }
    }

    public static void Same(object? expected, object? actual, string where)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (double e, double a):
                var tolerance = 1e-9 * Math.Max(1, Math.Abs(e));
                Assert.True(Math.Abs(e - a) <= tolerance, $"{where}: pandas {e.ToString("R", CultureInfo.InvariantCulture)}, Tessera {a.ToString("R", CultureInfo.InvariantCulture)}");
                return;
            default:
                Assert.True(Equals(expected, actual), $"{where}: pandas {expected ?? "null"}, Tessera {actual ?? "null"}");
                return;
        }
    }

    /// <summary>A JSON value as double (numbers), string, bool or null.</summary>
    public static object? Value(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => e.GetString(),
    };

    /// <summary>A cell as double (numbers), string, bool, ISO text (dates) or null; NaN as null.</summary>
    public static object? Value(IArrowArray array, int row)
    {
        if (!array.IsValid(row))
        {
            return null;
        }
        return array switch
        {
            DoubleArray d => double.IsNaN(d.Values[row]) ? null : d.Values[row],
            FloatArray f => (double)f.Values[row],
            Int64Array l => (double)l.Values[row],
            Int32Array i => (double)i.Values[row],
            BooleanArray b => b.GetValue(row),
            StringArray s => s.GetString(row),
            TimestampArray t => DateTime.UnixEpoch.AddTicks(t.Values[row] / 100).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException(array.Data.DataType.Name),
        };
    }

    private static string PandasName(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Int64 => "int64",
        ArrowTypeId.Int32 => "int32",
        ArrowTypeId.Double => "float64",
        ArrowTypeId.Float => "float32",
        ArrowTypeId.Boolean => "bool",
        ArrowTypeId.String => "object",
        ArrowTypeId.Timestamp => "datetime64[ns]",
        _ => type.Name,
    };

    private static string Key(object?[] row) => string.Join("|", row.Select(v => v switch
    {
        null => "~null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => v.ToString(),
    }));
}
