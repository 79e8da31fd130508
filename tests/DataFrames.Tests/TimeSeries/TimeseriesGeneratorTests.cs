namespace Tessera.DataFrames.Tests.TimeSeries;

public sealed class TimeseriesGeneratorTests
{
    private static readonly DateTime Start = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Timeseries_HasDasksColumnsAndKnownDivisionsEndingAtTheLastRow()
    {
        var df = DataFrame.Timeseries(Start, Start.AddHours(50), "10s", "1D", seed: 5);
        Assert.Equal(["timestamp", "id", "name", "x", "y"], df.Columns);
        Assert.Equal("timestamp", df.IndexName);
        Assert.Equal(3, df.NPartitions);
        Assert.Equal(new object?[] { Start, Start.AddDays(1), Start.AddDays(2), Start.AddHours(50).AddSeconds(-10) }, df.Divisions.ToArray());
        var rows = df.Compute();
        Assert.Equal(50 * 360, rows.RowCount);
        SeriesData.WithinDivisions(df);
        var x = (Apache.Arrow.DoubleArray)rows.Column(3);
        Assert.All(x.Values.ToArray(), v => Assert.InRange(v, -1.0, 1.0));
        var ids = ((Apache.Arrow.Int64Array)rows.Column(1)).Values.ToArray();
        Assert.InRange(ids.Average(), 990, 1010);
    }

    [Fact]
    public void Timeseries_SameSeed_SameRows_OtherSeed_OtherRows()
    {
        var a = DataFrame.Timeseries(Start, Start.AddHours(3), "1s", "1h", seed: 1).Compute();
        var b = DataFrame.Timeseries(Start, Start.AddHours(3), "1s", "1h", seed: 1).Compute();
        var c = DataFrame.Timeseries(Start, Start.AddHours(3), "1s", "1h", seed: 2).Compute();
        Assert.Equal(a.GetValue("x", 5000), b.GetValue("x", 5000));
        Assert.Equal(a.GetValue("name", 9000), b.GetValue("name", 9000));
        Assert.NotEqual(a.GetValue("x", 5000), c.GetValue("x", 5000));
    }

    [Fact]
    public void Timeseries_EndBeforeStart_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => DataFrame.Timeseries(Start, Start, "1s"));
        Assert.Contains("must be after start", error.Message);
    }
}
