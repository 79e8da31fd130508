using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;

namespace Tessera.DataFrames.TimeSeries;

/// <summary>
/// The example frame of <c>dask.datasets.timeseries</c>: a row every <c>freq</c> from start
/// (included) to end (excluded), a partition per <c>partitionFreq</c>, and the columns id (int64,
/// about Poisson(1000)), name (one of 26 names), x and y (uniform in [-1, 1)). Each partition draws
/// from its own generator seeded by the seed and its number, so partitions are reproducible alone
/// and in any order. The values are Tessera's own: the same shape as dask's, not the same numbers.
/// </summary>
internal static class TimeseriesGenerator
{
    private static readonly string[] Names =
    [
        "Alice", "Bob", "Charlie", "Dan", "Edith", "Frank", "George", "Hannah", "Ingrid", "Jerry", "Kevin", "Laura", "Michael",
        "Norbert", "Oliver", "Patricia", "Quinn", "Ray", "Sarah", "Tim", "Ursula", "Victor", "Wendy", "Xavier", "Yvonne", "Zelda",
    ];

    public static readonly Schema Schema = new(
    [
        new Field("timestamp", new TimestampType(TimeUnit.Nanosecond, (string?)null), false),
        new Field("id", Int64Type.Default, false),
        new Field("name", StringType.Default, false),
        new Field("x", DoubleType.Default, false),
        new Field("y", DoubleType.Default, false),
    ], null);

    public static Frame Partition(long first, long step, int rows, int seed, int partition)
    {
        var random = new Random(unchecked(seed * 1_000_003 + partition * 7919 + 17));
        var times = new long[rows];
        var ids = new long[rows];
        var x = new double[rows];
        var y = new double[rows];
        var names = new StringArray.Builder();
        for (var i = 0; i < rows; i++)
        {
            times[i] = first + i * step;
            ids[i] = Poisson1000(random);
            names.Append(Names[random.Next(Names.Length)]);
            x[i] = random.NextDouble() * 2 - 1;
            y[i] = random.NextDouble() * 2 - 1;
        }
        return new Frame(Schema,
        [
            ArrowColumns.Wrap(Schema.GetFieldByIndex(0).DataType, times, rows),
            ArrowColumns.Wrap(Int64Type.Default, ids, rows),
            names.Build(),
            ArrowColumns.Wrap(DoubleType.Default, x, rows),
            ArrowColumns.Wrap(DoubleType.Default, y, rows),
        ], rows);
    }

    /// <summary>Poisson(1000) by its normal approximation (exact enough at this mean, and one draw pair per value).</summary>
    private static long Poisson1000(Random random)
    {
        var u = 1 - random.NextDouble();
        var v = random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
        return Math.Max(0, (long)Math.Round(1000 + Math.Sqrt(1000) * normal));
    }
}
