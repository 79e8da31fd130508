using Tessera.DataFrames;

namespace Tessera.Samples.Tutorial;

/// <summary>
/// The tutorial's time-series part: dask.datasets.timeseries' example frame (a row a second, a
/// partition a day, known divisions), a range selection that reads only the partitions it needs,
/// an hourly resample, a one-minute rolling mean, and a distributed sort by an unsorted column.
/// </summary>
internal static class TimeSeriesPart
{
    public static void Run(int days = 7)
    {
        Console.WriteLine();
        Console.WriteLine("== DataFrame: time series on a sorted index ==");
        var start = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var df = DataFrame.Timeseries(start, start.AddDays(days), "1s", "1D", seed: 42);
        Console.WriteLine($"{df.NPartitions} partitions indexed by '{df.IndexName}', divisions {df.Divisions[0]:u} .. {df.Divisions[^1]:u}");

        var noon = df.Loc["2000-01-03 12:00", "2000-01-03 12:00:04"];         // one partition read
        Console.WriteLine($"\nfive seconds at noon on the 3rd ({noon.NPartitions} partition read):\n{noon.Compute()}");

        var hourly = df[["x", "y"]].Resample("1h").Mean().Compute();          // pandas' bins and labels
        Console.WriteLine($"\nhourly means: {hourly.RowCount} bins\n{hourly.Head(3)}");

        var rolling = df[["x"]].Rolling(TimeSpan.FromMinutes(1)).Mean();      // borrows each neighbour's tail
        Console.WriteLine($"\n1-minute rolling mean of x, last rows:\n{rolling.Tail(3)}");

        var byX = df.ResetIndex().SetIndex("x");                               // sample quantiles, then shuffle
        Console.WriteLine($"\nindexed by x: {byX.NPartitions} partitions from {byX.Divisions[0]:F4} to {byX.Divisions[^1]:F4}");
    }
}
