using DuckDB.NET.Data;

namespace Tessera.Benchmarks.DataFrames;

/// <summary>The same two queries in DuckDB, the engine a .NET user might pick instead (its own CSV reader, its threads).</summary>
internal static class DuckDbSide
{
    public static Dictionary<string, double> Run(string glob, int repeats)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        long alices = 0;
        var groupby = MedianTimer.Seconds(repeats, () => Query(connection,
            $"SELECT names, avg(amount) FROM read_csv_auto('{glob}') GROUP BY names", reader => { while (reader.Read()) { } }));
        var alice = MedianTimer.Seconds(repeats, () => Query(connection,
            $"SELECT count(id) FROM read_csv_auto('{glob}') WHERE names = 'Alice'", reader =>
            {
                reader.Read();
                alices = reader.GetInt64(0);
            }));
        return new() { ["groupby"] = groupby, ["alice"] = alice, ["alice-count"] = alices, ["rss-kib"] = DataFrameSideBySide.PeakRssKiB() };
    }

    private static void Query(DuckDBConnection connection, string sql, Action<System.Data.Common.DbDataReader> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        read(reader);
    }
}
