using System.Globalization;
using System.Text;
using Tessera.IO.Csv;

namespace Tessera.DataFrames.Tests;

/// <summary>
/// A filter straight over a CSV read, followed by a reduction of one column, parses only the columns
/// the filter's condition and the reduction use (the projection passes through the filter), and
/// gives pandas' answer; a filtered frame computed whole keeps every column.
/// </summary>
public sealed class CsvFilterProjectionTests
{
    [Fact]
    public void CountAfterNameFilter_ParsesOnlyNamesAndId_AndCountsNonNullIdsAsPandas()
    {
        using var folder = new TestData.Folder();
        var glob = Accounts(folder);
        var counters = new CsvReadCounters();
        var df = DataFrame.ReadCsv(glob, new CsvReadOptions { Counters = counters });

        var alices = df[df["names"] == "Alice"]["id"].Count().Compute();

        Assert.True(counters.BlocksParsed >= 2, $"expected a block per file, got {counters.BlocksParsed}");
        Assert.Equal(counters.BlocksParsed * 2, counters.ColumnsConverted); // names and id, not amount or note
        var expected = Pandas.Run($"d = read({Pandas.Quote(glob)})\nout['count'] = int(d[d.names == 'Alice']['id'].count())");
        Assert.Equal(expected.GetProperty("count").GetInt64(), alices);
        Assert.True(alices > 0);
    }

    [Fact]
    public void SumAfterFilterOfAFilter_ParsesOnlyTheColumnsUsed_AndEqualsPandas()
    {
        using var folder = new TestData.Folder();
        var glob = Accounts(folder);
        var counters = new CsvReadCounters();
        var df = DataFrame.ReadCsv(glob, new CsvReadOptions { Counters = counters });
        var positive = df[df["amount"] > 10.0];

        var total = positive[(positive["names"] != "Bob") & (positive["id"] > 100L)]["amount"].Sum().Compute();

        Assert.Equal(counters.BlocksParsed * 3, counters.ColumnsConverted); // id, names and amount, not note
        var expected = Pandas.Run($$"""
            d = read({{Pandas.Quote(glob)}})
            p = d[d.amount > 10.0]
            out['sum'] = float(p[(p.names != 'Bob') & (p.id > 100)]['amount'].sum())
            """);
        Assert.Equal(expected.GetProperty("sum").GetDouble(), total, 1e-9 * Math.Abs(total));
    }

    [Fact]
    public void FilteredFrame_ComputedWhole_KeepsEveryColumn_AsPandas()
    {
        using var folder = new TestData.Folder();
        var glob = Accounts(folder);
        var counters = new CsvReadCounters();
        var df = DataFrame.ReadCsv(glob, new CsvReadOptions { Counters = counters });

        var frame = df[df["names"] == "Alice"].Compute();

        Assert.Equal(counters.BlocksParsed * 4, counters.ColumnsConverted);
        var expected = Pandas.Run($"d = read({Pandas.Quote(glob)})\nout['df'] = frame(d[d.names == 'Alice'])");
        FrameAssert.Equal(expected.GetProperty("df"), frame);
    }

    [Fact]
    public void FilteredColumn_Computed_ParsesOnlyItsColumns_AndEqualsPandas()
    {
        using var folder = new TestData.Folder();
        var glob = Accounts(folder);
        var counters = new CsvReadCounters();
        var df = DataFrame.ReadCsv(glob, new CsvReadOptions { Counters = counters });

        var doubled = (df[df["names"] == "Bob"]["amount"] * 2.0).Compute();

        Assert.Equal(counters.BlocksParsed * 2, counters.ColumnsConverted); // names and amount
        var expected = Pandas.Run($"d = read({Pandas.Quote(glob)})\nout['df'] = frame((d[d.names == 'Bob']['amount'] * 2.0).to_frame())");
        FrameAssert.Equal(expected.GetProperty("df"), Frame.FromColumns(("amount", doubled.Values)));
    }

    [Fact]
    public void CountAfterFilter_OverAnInMemoryFrame_EqualsPandas()
    {
        using var folder = new TestData.Folder();
        var glob = Accounts(folder);
        var df = DataFrame.FromFrame(DataFrame.ReadCsv(glob).Compute(), 3);

        var counts = new[] { "Alice", "Zelda", "Nobody" }.Select(n => df[df["names"] == n]["id"].Count().Compute()).ToArray();

        var expected = Pandas.Run($"d = read({Pandas.Quote(glob)})\nout['counts'] = [int(d[d.names == n]['id'].count()) for n in ['Alice', 'Zelda', 'Nobody']]");
        Assert.Equal(expected.GetProperty("counts").EnumerateArray().Select(e => e.GetInt64()), counts);
    }

    /// <summary>2 files of id (some empty), names (some empty), amount and a note no query reads.</summary>
    private static string Accounts(TestData.Folder folder)
    {
        string[] names = ["Alice", "Bob", "Charlie", "Dan", "Edith", "Zelda"];
        var random = new Random(7);
        var id = 0;
        for (var f = 0; f < 2; f++)
        {
            var text = new StringBuilder("id,names,amount,note\n");
            for (var r = 0; r < 2_000; r++)
            {
                var idText = random.Next(19) == 0 ? "" : (id).ToString(CultureInfo.InvariantCulture);
                var name = random.Next(23) == 0 ? "" : names[random.Next(names.Length)];
                var amount = (random.Next(-5000, 100000) / 100.0).ToString(CultureInfo.InvariantCulture);
                text.Append(idText).Append(',').Append(name).Append(',').Append(amount).Append(",note ").Append(id * 7919 % 10007).Append('\n');
                id++;
            }
            File.WriteAllText(folder.File($"accounts.{f}.csv"), text.ToString());
        }
        return folder.File("accounts.*.csv");
    }
}
