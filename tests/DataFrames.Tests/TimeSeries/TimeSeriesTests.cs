using System.Text.Json;

namespace Tessera.DataFrames.Tests.TimeSeries;

/// <summary>
/// Shift, Diff, cumulative, rolling and resample results against pandas 1.5 on the whole series,
/// computed on uneven partitions (one empty, one of one row, a gap at a border), so every value
/// at a partition border or window edge must come from the borrowed rows. One pandas run serves
/// the class.
/// </summary>
public sealed class TimeSeriesTests : IClassFixture<TimeSeriesTests.Oracle>
{
    private readonly Oracle _oracle;

    public TimeSeriesTests(Oracle oracle) => _oracle = oracle;

    public static TheoryData<string> Cases => [.. Oracle.Expressions.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Operation_OnUnevenPartitions_MatchesPandasOnTheWholeFrame(string name)
    {
        var df = _oracle.Data.Frame();
        var result = Oracle.Tessera[name](df);
        FrameAssert.Equal(_oracle.Expected.GetProperty(name), result.Compute(), checkDtypes: false);
        Assert.Equal("timestamp", result.IndexName);
    }

    [Theory]
    [InlineData("resample_1min_mean")]
    [InlineData("resample_7min_agg")]
    [InlineData("rolling_30s_mean")]
    public void Result_PartitionsStayInsideTheirDivisions(string name)
    {
        var result = Oracle.Tessera[name](_oracle.Data.Frame());
        SeriesData.WithinDivisions(result);
    }

    [Fact]
    public void Resample_Synchronous_EqualsThreaded()
    {
        var df = _oracle.Data.Frame();
        var threaded = df.Resample("1min").Mean().Compute();
        var sync = df.Resample("1min").Mean().Compute(new ComputeOptions { Scheduler = SchedulerKind.Synchronous });
        FrameAssert.Equal(_oracle.Expected.GetProperty("resample_1min_mean"), sync, checkDtypes: false);
        Assert.Equal(threaded.RowCount, sync.RowCount);
    }

    [Fact]
    public void Resample_UnknownFrequency_SaysWhichAreAccepted()
    {
        var error = Assert.Throws<ArgumentException>(() => _oracle.Data.Frame().Resample("1X"));
        Assert.Contains("fixed span such as \"1h\"", error.Message);
        Assert.Contains("calendar", error.Message);
    }

    [Fact]
    public void Rolling_WithoutIndex_SaysToSetOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DataFrame.FromFrame(_oracle.Data.Whole).Rolling(3));
        Assert.Contains("SetIndex", error.Message);
    }

    public sealed class Oracle : IDisposable
    {
        public static readonly Dictionary<string, string> Expressions = new()
        {
            ["shift_2"] = "df.shift(2)",
            ["shift_minus_3"] = "df.shift(-3)",
            ["diff_1"] = "num.diff(1)",
            ["diff_minus_2"] = "num.diff(-2)",
            ["cumsum"] = "num.cumsum()",
            ["cummax"] = "num.cummax()",
            ["rolling_5_mean"] = "num.rolling(5).mean()",
            ["rolling_5_sum"] = "num.rolling(5).sum()",
            ["rolling_4_min"] = "num.rolling(4).min()",
            ["rolling_4_max"] = "num.rolling(4).max()",
            ["rolling_6_std"] = "num.rolling(6).std()",
            ["rolling_3_minp1_mean"] = "num.rolling(3, min_periods=1).mean()",
            ["rolling_30s_mean"] = "num.rolling('30s').mean()",
            ["rolling_30s_sum"] = "num.rolling('30s').sum()",
            ["rolling_45s_min"] = "num.rolling('45s').min()",
            ["rolling_45s_max"] = "num.rolling('45s').max()",
            ["rolling_60s_std"] = "num.rolling('60s').std()",
            ["rolling_20s_apply"] = "num.rolling('20s').apply(lambda w: float(np.nansum(w * w)), raw=True)",
            ["resample_1min_mean"] = "num.resample('1min').mean()",
            ["resample_1min_sum"] = "num.resample('1min').sum()",
            ["resample_1min_count"] = "num.resample('1min').count()",
            ["resample_7min_agg"] = "num.resample('7min').agg({'x': 'max', 'y': 'std', 'id': 'first'})",
            ["resample_1h_minmax"] = "num.resample('1h').agg({'x': 'min', 'y': 'last'})",
        };

        public static readonly Dictionary<string, Func<DataFrame, DataFrame>> Tessera = new()
        {
            ["shift_2"] = df => df.Shift(2),
            ["shift_minus_3"] = df => df.Shift(-3),
            ["diff_1"] = df => df.Diff(1),
            ["diff_minus_2"] = df => df.Diff(-2),
            ["cumsum"] = df => df.CumSum(),
            ["cummax"] = df => df.CumMax(),
            ["rolling_5_mean"] = df => df.Rolling(5).Mean(),
            ["rolling_5_sum"] = df => df.Rolling(5).Sum(),
            ["rolling_4_min"] = df => df.Rolling(4).Min(),
            ["rolling_4_max"] = df => df.Rolling(4).Max(),
            ["rolling_6_std"] = df => df.Rolling(6).Std(),
            ["rolling_3_minp1_mean"] = df => df.Rolling(3, minPeriods: 1).Mean(),
            ["rolling_30s_mean"] = df => df.Rolling(TimeSpan.FromSeconds(30)).Mean(),
            ["rolling_30s_sum"] = df => df.Rolling(TimeSpan.FromSeconds(30)).Sum(),
            ["rolling_45s_min"] = df => df.Rolling(TimeSpan.FromSeconds(45)).Min(),
            ["rolling_45s_max"] = df => df.Rolling(TimeSpan.FromSeconds(45)).Max(),
            ["rolling_60s_std"] = df => df.Rolling(TimeSpan.FromSeconds(60)).Std(),
            ["rolling_20s_apply"] = df => df.Rolling(TimeSpan.FromSeconds(20)).Apply(w =>
            {
                var total = 0.0;
                foreach (var v in w)
                {
                    total += double.IsNaN(v) ? 0 : v * v;
                }
                return total;
            }),
            ["resample_1min_mean"] = df => df.Resample("1min").Mean(),
            ["resample_1min_sum"] = df => df.Resample("1min").Sum(),
            ["resample_1min_count"] = df => df.Resample("1min").Count(),
            ["resample_7min_agg"] = df => df.Resample("7min").Agg(("x", "max"), ("y", "std"), ("id", "first")),
            ["resample_1h_minmax"] = df => df.Resample("1h").Agg(("x", "min"), ("y", "last")),
        };

        private readonly TestData.Folder _folder = new();

        public Oracle()
        {
            Data = new SeriesData(_folder);
            var script = Data.Pandas + string.Join("\n", Expressions.Select(e => $"out[{JsonSerializer.Serialize(e.Key)}] = frame(({e.Value}).reset_index())"));
            Expected = Pandas.Run(script);
        }

        internal SeriesData Data { get; }

        internal JsonElement Expected { get; }

        public void Dispose() => _folder.Dispose();
    }
}
