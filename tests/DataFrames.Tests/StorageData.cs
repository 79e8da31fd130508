using System.Data.Common;
using Apache.Arrow;
using Apache.Arrow.Types;
using DuckDB.NET.Data;

namespace Tessera.DataFrames.Tests;

/// <summary>Frames with every column type storage must keep, and DuckDB as the second reader.</summary>
internal static class StorageData
{
    private static readonly string[] Cities = ["Oslo", "Lima", "Zoë-ville", "Kyoto"];

    /// <summary>
    /// <paramref name="rows"/> rows of every Arrow primitive type, strings (non-ASCII too), a date,
    /// a nanosecond timestamp and a dictionary-encoded string column, with nulls in most columns
    /// (seeded), and a <c>row</c> column numbering the rows so other readers can restore the order.
    /// </summary>
    public static Frame Typed(int rows, int seed = 7)
    {
        var random = new Random(seed);
        bool Null(int every) => random.Next(every) == 0;
        var row = new Int64Array.Builder();
        var i8 = new Int8Array.Builder();
        var i16 = new Int16Array.Builder();
        var i32 = new Int32Array.Builder();
        var i64 = new Int64Array.Builder();
        var u8 = new UInt8Array.Builder();
        var u16 = new UInt16Array.Builder();
        var u32 = new UInt32Array.Builder();
        var u64 = new UInt64Array.Builder();
        var f32 = new FloatArray.Builder();
        var f64 = new DoubleArray.Builder();
        var flag = new BooleanArray.Builder();
        var name = new StringArray.Builder();
        var day = new Date32Array.Builder();
        var at = new TimestampArray.Builder(new TimestampType(TimeUnit.Nanosecond, (string?)null));
        var cityIndex = new Int32Array.Builder();
        for (var r = 0; r < rows; r++)
        {
            row.Append(r);
            i8.Append((sbyte)random.Next(-128, 128));
            i16.Append((short)random.Next(short.MinValue, short.MaxValue));
            i32.Append(random.Next(int.MinValue, int.MaxValue));
            if (Null(9)) { i64.AppendNull(); } else { i64.Append(random.NextInt64(long.MinValue, long.MaxValue)); }
            u8.Append((byte)random.Next(256));
            u16.Append((ushort)random.Next(ushort.MaxValue + 1));
            u32.Append((uint)random.NextInt64(uint.MaxValue + 1L));
            u64.Append((ulong)random.NextInt64(long.MaxValue) * 2);
            f32.Append((float)(random.NextDouble() * 1e6 - 5e5));
            if (Null(11)) { f64.AppendNull(); } else { f64.Append(random.NextDouble() * 1e9 - 1e3); }
            if (Null(13)) { flag.AppendNull(); } else { flag.Append(random.Next(2) == 1); }
            if (Null(7)) { name.AppendNull(); } else { name.Append(TestData.Names[random.Next(TestData.Names.Length)] + (r % 5 == 0 ? "é" : "")); }
            if (Null(17)) { day.AppendNull(); } else { day.Append(new DateTime(1990, 1, 1).AddDays(random.Next(20000))); }
            // Whole .NET ticks, so readers that stop at 100 ns (DuckDB.NET's DateTime) compare exactly.
            if (Null(19)) { at.AppendNull(); } else { at.Append(new DateTimeOffset(new DateTime(2001, 1, 1).AddTicks(random.NextInt64(1L << 52)), TimeSpan.Zero)); }
            cityIndex.Append(random.Next(Cities.Length));
        }
        var dictionary = new StringArray.Builder().AppendRange(Cities).Build();
        var city = new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false), cityIndex.Build(), dictionary);
        return Frame.FromColumns(
            ("row", row.Build()), ("i8", i8.Build()), ("i16", i16.Build()), ("i32", i32.Build()), ("i64", i64.Build()),
            ("u8", u8.Build()), ("u16", u16.Build()), ("u32", u32.Build()), ("u64", u64.Build()),
            ("f32", f32.Build()), ("f64", f64.Build()), ("flag", flag.Build()), ("name", name.Build()),
            ("day", day.Build()), ("at", at.Build()), ("city", city));
    }

    /// <summary>Runs <paramref name="sql"/> in an in-memory DuckDB and returns the rows as cells comparable with <see cref="Cells.Of"/>.</summary>
    public static (string[] Columns, List<object?[]> Rows) DuckDb(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(c => Normal(reader, c))]);
        }
        return (columns, rows);
    }

    /// <summary>Runs statements (COPY … TO …) in an in-memory DuckDB.</summary>
    public static void DuckDbExecute(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Normal(DbDataReader reader, int c)
    {
        if (reader.IsDBNull(c))
        {
            return null;
        }
        return reader.GetValue(c) switch
        {
            sbyte v => (long)v,
            short v => (long)v,
            int v => (long)v,
            long v => v,
            byte v => (long)v,
            ushort v => (long)v,
            uint v => (long)v,
            ulong v => (decimal)v,
            float v => (double)v,
            double v => v,
            bool v => v,
            string v => v,
            DateOnly v => v.ToDateTime(TimeOnly.MinValue),
            DateTime v => v,
            DuckDB.NET.Native.DuckDBDateOnly v => new DateTime(v.Year, v.Month, v.Day),
            var v => throw new NotSupportedException($"DuckDB returned {v.GetType().Name} for column {reader.GetName(c)}."),
        };
    }
}
