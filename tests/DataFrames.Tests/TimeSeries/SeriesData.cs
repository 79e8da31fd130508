using System.Globalization;
using System.Text;
using Tessera.DataFrames.Indexing;

namespace Tessera.DataFrames.Tests.TimeSeries;

/// <summary>
/// A small irregular time series (whole seconds, steps of 1-20 s, a 5-minute gap exactly at a
/// partition border, NaN in x every 37th row) written as CSV for pandas and cut into uneven
/// partitions for Tessera: an empty one and a one-row one, so windows and bins cross borders.
/// </summary>
internal sealed class SeriesData
{
    public static readonly int[] Sizes = [150, 0, 1, 149, 200, 100];

    public SeriesData(TestData.Folder folder, int seed = 7)
    {
        var random = new Random(seed);
        var time = new DateTime(2000, 1, 1, 0, 3, 17, DateTimeKind.Utc);
        var csv = new StringBuilder("timestamp,id,name,x,y\n");
        var rows = new List<Row>();
        for (var i = 0; i < Sizes.Sum(); i++)
        {
            time = time.AddSeconds(i == 300 ? 300 : random.Next(1, 21));
            var x = i % 37 == 5 ? double.NaN : Math.Round(random.NextDouble() * 20 - 10, 3);
            var row = new Row(time, random.Next(900, 1100), TestData.Names[random.Next(5)], x, Math.Round(random.NextDouble() * 4 - 2, 3));
            rows.Add(row);
            csv.Append(time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',').Append(row.id).Append(',').Append(row.name).Append(',')
                .Append(double.IsNaN(x) ? "" : x.ToString(CultureInfo.InvariantCulture)).Append(',').Append(row.y.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        Path = folder.File("series.csv");
        File.WriteAllText(Path, csv.ToString());
        Whole = DataFrame.RecordFrame(rows);
    }

    public string Path { get; }

    public Frame Whole { get; }

    /// <summary>The rows in <see cref="Sizes"/> partitions, indexed by timestamp (sorted: true).</summary>
    public DataFrame Frame(ComputeOptions? options = null)
    {
        return TestData.Partitioned(Whole, Sizes).SetIndex("timestamp", sorted: true, options: options);
    }

    /// <summary>pandas' prelude: the CSV as a frame indexed by timestamp.</summary>
    public string Pandas => $"df = pd.read_csv({Tests.Pandas.Quote(Path)}, parse_dates=['timestamp']).set_index('timestamp')\nnum = df[['id', 'x', 'y']]\n";

    /// <summary>Checks every computed partition holds only index values inside its divisions, in order.</summary>
    public static void WithinDivisions(DataFrame frame, ComputeOptions? options = null)
    {
        Assert.True(frame.KnownDivisions);
        var index = frame.Index!;
        var d = index.Divisions!;
        Assert.Equal(frame.NPartitions + 1, d.Length);
        var parts = frame.ComputePartitions(options, Enumerable.Range(0, frame.NPartitions));
        for (var p = 0; p < parts.Length; p++)
        {
            Assert.True(d[p] <= d[p + 1], $"divisions {p} and {p + 1} decrease");
            var keys = OrderKeys.All(parts[p].Column(parts[p].IndexOf(index.Column)));
            for (var i = 0; i < keys.Length; i++)
            {
                var upper = d[p + 1] == d[^1] ? keys[i] <= d[p + 1] : keys[i] < d[p + 1];
                Assert.True(keys[i] >= d[p] && upper, $"partition {p} row {i}: key {keys[i]} outside [{d[p]}, {d[p + 1]}]");
                Assert.True(i == 0 || keys[i] >= keys[i - 1], $"partition {p} is not sorted at row {i}");
            }
        }
    }

    private sealed record Row(DateTime timestamp, long id, string name, double x, double y);
}
