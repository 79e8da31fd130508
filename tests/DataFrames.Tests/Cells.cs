using System.Globalization;
using Apache.Arrow;

namespace Tessera.DataFrames.Tests;

/// <summary>
/// Cells of any Arrow array as comparable .NET values (integers as long, floats as double,
/// dictionary entries as their value, dates and timestamps as DateTime), for storage round trips
/// that must give back exactly what was written.
/// </summary>
internal static class Cells
{
    public static object? Of(IArrowArray array, int row)
    {
        if (array.IsNull(row))
        {
            return null;
        }
        return array switch
        {
            Int8Array a => (long)a.GetValue(row)!.Value,
            Int16Array a => (long)a.GetValue(row)!.Value,
            Int32Array a => (long)a.GetValue(row)!.Value,
            Int64Array a => a.GetValue(row)!.Value,
            UInt8Array a => (long)a.GetValue(row)!.Value,
            UInt16Array a => (long)a.GetValue(row)!.Value,
            UInt32Array a => (long)a.GetValue(row)!.Value,
            UInt64Array a => (decimal)a.GetValue(row)!.Value,
            FloatArray a => (double)a.GetValue(row)!.Value,
            DoubleArray a => a.GetValue(row)!.Value,
            BooleanArray a => a.GetValue(row)!.Value,
            StringArray a => a.GetString(row),
            LargeStringArray a => a.GetString(row),
            Date32Array a => DateTime.UnixEpoch.AddDays(a.GetValue(row)!.Value),
            TimestampArray a => DateTime.UnixEpoch.AddTicks(Columns.ArrowColumns.TimestampTicks((Apache.Arrow.Types.TimestampType)a.Data.DataType, a.GetValue(row)!.Value)),
            DictionaryArray a => Of(a.Dictionary, ((IArrowArray)a.Indices) switch
            {
                Int32Array i => i.GetValue(row)!.Value,
                Int16Array i => i.GetValue(row)!.Value,
                Int8Array i => i.GetValue(row)!.Value,
                _ => throw new NotSupportedException(a.Indices.Data.DataType.Name),
            }),
            _ => throw new NotSupportedException($"No cell reader for {array.Data.DataType.Name}."),
        };
    }

    /// <summary>Every cell of <paramref name="frame"/>, row by row.</summary>
    public static List<object?[]> Rows(Frame frame) =>
        [.. Enumerable.Range(0, frame.RowCount).Select(r => Enumerable.Range(0, frame.ColumnCount).Select(c => Of(frame.Column(c), r)).ToArray())];

    /// <summary>Asserts equal cells, naming the first difference.</summary>
    public static void Equal(Frame expected, Frame actual)
    {
        Assert.Equal(expected.Columns.ToArray(), actual.Columns.ToArray());
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (var c = 0; c < expected.ColumnCount; c++)
        {
            for (var r = 0; r < expected.RowCount; r++)
            {
                var (e, a) = (Of(expected.Column(c), r), Of(actual.Column(c), r));
                Assert.True(Equals(e, a), string.Create(CultureInfo.InvariantCulture, $"row {r}, column '{expected.Columns[c]}': expected {e ?? "null"}, got {a ?? "null"}"));
            }
        }
    }
}
