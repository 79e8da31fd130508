using System.Globalization;
using System.Text;
using System.Text.Json;
using Tessera.DataFrames.Indexing;

namespace Tessera.DataFrames.Tests.TimeSeries;

/// <summary>
/// Resample by weeks, months, quarters and years against pandas 1.5 on the whole series: about
/// two and a half years of irregular rows (1–40 hours apart, some on exact midnights, since
/// pandas takes a period's last day into its bin), cut into uneven partitions (an empty one, one
/// of a single row, borders inside a month), so bins continue across partitions.
/// </summary>
public sealed class CalendarResampleTests : IClassFixture<CalendarResampleTests.Oracle>
{
    private readonly Oracle _oracle;

    public CalendarResampleTests(Oracle oracle) => _oracle = oracle;

    public static TheoryData<string> Cases => [.. Oracle.Expressions.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void CalendarResample_OnUnevenPartitions_MatchesPandas(string name)
    {
        var result = Oracle.Tessera[name](_oracle.Frame());
        FrameAssert.Equal(_oracle.Expected.GetProperty(name), result.Compute(), checkDtypes: false);
        Assert.Equal("timestamp", result.IndexName);
    }

    [Theory]
    [InlineData("M_mean")]
    [InlineData("2W_sum")]
    [InlineData("QS_max")]
    public void CalendarResample_PartitionsStayInsideTheirDivisions(string name) =>
        SeriesData.WithinDivisions(Oracle.Tessera[name](_oracle.Frame()));

    [Fact]
    public void CalendarResample_Synchronous_EqualsThreaded()
    {
        var sync = _oracle.Frame().Resample("M").Mean().Compute(new ComputeOptions { Scheduler = SchedulerKind.Synchronous });
        FrameAssert.Equal(_oracle.Expected.GetProperty("M_mean"), sync, checkDtypes: false);
    }

    [Fact]
    public void OnePeriodBins_NeedNoDivisions()
    {
        var known = _oracle.Frame();
        var unknown = new DataFrame(known.Node, known.Index! with { Divisions = null });
        Assert.False(unknown.KnownDivisions);
        FrameAssert.Equal(_oracle.Expected.GetProperty("M_mean"), unknown.Resample("M").Mean().Compute(), checkDtypes: false);
    }

    [Fact]
    public void SeveralPeriodBins_WithoutDivisions_SayToSetTheIndex()
    {
        var known = _oracle.Frame();
        var unknown = new DataFrame(known.Node, known.Index! with { Divisions = null });
        var error = Assert.Throws<ArgumentException>(() => unknown.Resample("2M"));
        Assert.Contains("SetIndex", error.Message);
    }

    [Theory]
    [InlineData("1X")]
    [InlineData("M-MON")]
    [InlineData("fortnight")]
    public void UnknownRule_ListsTheAcceptedOnes(string rule)
    {
        var error = Assert.Throws<ArgumentException>(() => _oracle.Frame().Resample(rule));
        Assert.Contains("\"MS\" (month start)", error.Message);
        Assert.Contains(rule, error.Message);
    }

    [Fact]
    public void ZeroCount_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => _oracle.Frame().Resample("0W"));
        Assert.Contains("positive count", error.Message);
    }

    public sealed class Oracle : IDisposable
    {
        // Tessera takes pandas 2's names ("ME", "YE") too; pandas 1.5, the oracle, knows the old ones.
        public static readonly Dictionary<string, (string Pandas, Func<DataFrame, DataFrame> Tessera)> Cases = new()
        {
            ["M_mean"] = ("num.resample('M').mean()", df => df.Resample("M").Mean()),
            ["ME_sum"] = ("num.resample('M').sum()", df => df.Resample("ME").Sum()),
            ["2M_count"] = ("num.resample('2M').count()", df => df.Resample("2M").Count()),
            ["MS_sum"] = ("num.resample('MS').sum()", df => df.Resample("MS").Sum()),
            ["2MS_mean"] = ("num.resample('2MS').mean()", df => df.Resample("2MS").Mean()),
            ["Q_agg"] = ("num.resample('Q').agg({'x': 'max', 'y': 'std', 'id': 'first'})", df => df.Resample("Q").Agg(("x", "max"), ("y", "std"), ("id", "first"))),
            ["QS_max"] = ("num.resample('QS').max()", df => df.Resample("QS").Max()),
            ["A_sum"] = ("num.resample('A').sum()", df => df.Resample("A").Sum()),
            ["YE_mean"] = ("num.resample('A').mean()", df => df.Resample("YE").Mean()),
            ["AS_min"] = ("num.resample('AS').min()", df => df.Resample("AS").Min()),
            ["YS_last"] = ("num.resample('AS').last()", df => df.Resample("YS").Last()),
            ["W_mean"] = ("num.resample('W').mean()", df => df.Resample("W").Mean()),
            ["2W_sum"] = ("num.resample('2W').sum()", df => df.Resample("2W").Sum()),
            ["W-MON_min"] = ("num.resample('W-MON').min()", df => df.Resample("W-MON").Min()),
            ["3W-WED_count"] = ("num.resample('3W-WED').count()", df => df.Resample("3W-WED").Count()),
        };

        public static IReadOnlyDictionary<string, string> Expressions => Cases.ToDictionary(c => c.Key, c => c.Value.Pandas);

        public static IReadOnlyDictionary<string, Func<DataFrame, DataFrame>> Tessera => Cases.ToDictionary(c => c.Key, c => c.Value.Tessera);

        private static readonly int[] Sizes = [180, 0, 1, 333, 150, 336];

        private readonly TestData.Folder _folder = new();
        private readonly Frame _whole;

        public Oracle()
        {
            var random = new Random(11);
            var time = new DateTime(1999, 11, 20, 5, 0, 0, DateTimeKind.Utc);
            var csv = new StringBuilder("timestamp,id,x,y\n");
            var rows = new List<Row>();
            for (var i = 0; i < Sizes.Sum(); i++)
            {
                // Every 25th row lands on a midnight: the instant pandas' end-anchored bins are closed on.
                time = i % 25 == 3 ? time.Date.AddDays(1) : time.AddHours(random.Next(1, 41));
                var x = i % 31 == 7 ? double.NaN : Math.Round(random.NextDouble() * 20 - 10, 3);
                var row = new Row(time, random.Next(900, 1100), x, Math.Round(random.NextDouble() * 4 - 2, 3));
                rows.Add(row);
                csv.Append(time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',').Append(row.id).Append(',')
                    .Append(double.IsNaN(x) ? "" : x.ToString(CultureInfo.InvariantCulture)).Append(',').Append(row.y.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
            var path = _folder.File("calendar.csv");
            File.WriteAllText(path, csv.ToString());
            _whole = DataFrame.RecordFrame(rows);
            var script = $"df = pd.read_csv({Pandas.Quote(path)}, parse_dates=['timestamp']).set_index('timestamp')\nnum = df[['id', 'x', 'y']]\n" +
                string.Join("\n", Expressions.Select(e => $"out[{JsonSerializer.Serialize(e.Key)}] = frame(({e.Value}).reset_index())"));
            Expected = Pandas.Run(script);
        }

        internal JsonElement Expected { get; }

        /// <summary>The rows in uneven partitions, indexed by timestamp with known divisions.</summary>
        internal DataFrame Frame() => TestData.Partitioned(_whole, Sizes).SetIndex("timestamp", sorted: true);

        public void Dispose() => _folder.Dispose();

        private sealed record Row(DateTime timestamp, long id, double x, double y);
    }
}
