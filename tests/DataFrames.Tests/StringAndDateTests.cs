using Tessera.IO.Csv;

namespace Tessera.DataFrames.Tests;

public sealed class StringAndDateTests
{
    [Fact]
    public void StrAndDt_MatchPandas()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("people.csv");
        File.WriteAllText(path, "name,born\nAlice Smith,2001-03-04 05:06:07\nbob jones,1999-12-31 23:00:00\n,2020-02-29 12:00:00\n"
            + "Élodie Ña,\nAl,1970-01-01 00:00:00\n");
        var df = DataFrame.ReadCsv(path, new CsvReadOptions { ParseDates = ["born"] });
        var name = df["name"];
        var born = df["born"];
        var result = df[["name"]]
            .Assign("has_li", name.Str.Contains("li"))
            .Assign("starts", name.Str.StartsWith("Al"))
            .Assign("len", name.Str.Len())
            .Assign("lower", name.Str.Lower())
            .Assign("upper", name.Str.Upper())
            .Assign("replaced", name.Str.Replace("o", "0"))
            .Assign("first", name.Str.Split(" ", 0))
            .Assign("year", born.Dt.Year)
            .Assign("month", born.Dt.Month)
            .Assign("day", born.Dt.Day)
            .Assign("hour", born.Dt.Hour)
            .Assign("weekday", born.Dt.DayOfWeek)
            .Compute();
        var expected = Pandas.Run($$"""
            df = pd.read_csv({{Pandas.Quote(path)}}, parse_dates=['born'])
            n, b = df['name'], df['born']
            r = df[['name']].assign(has_li=n.str.contains('li', na=False), starts=n.str.startswith('Al', na=False), len=n.str.len(),
                lower=n.str.lower(), upper=n.str.upper(), replaced=n.str.replace('o', '0', regex=False), first=n.str.split(' ').str[0],
                year=b.dt.year, month=b.dt.month, day=b.dt.day, hour=b.dt.hour, weekday=b.dt.dayofweek)
            out['r'] = frame(r)
            """);
        FrameAssert.Equal(expected.GetProperty("r"), result);
        Assert.Throws<InvalidOperationException>(() => born.Str);
    }
}
