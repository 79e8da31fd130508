using System.Globalization;
using System.Text;
using Tessera.IO.Csv;

namespace Tessera.DataFrames.Tests;

/// <summary>
/// String columns whose values repeat are parsed into dictionary codes (no string per row), yet read,
/// compare, group and count exactly as pandas' strings do, nulls and quoted values included; a
/// column whose values stop repeating turns plain part way through a block without losing a row.
/// </summary>
public sealed class CsvDictionaryStringTests
{
    [Fact]
    public void RepeatingNames_AreCoded_AndReadAsPandasReadsThem()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 3, 700, nulls: true);
        var counters = new CsvReadCounters();

        var frame = DataFrame.ReadCsv(glob, new CsvReadOptions { Counters = counters }).Compute();

        Assert.Equal(counters.BlocksParsed, counters.CodedStringColumns);
        var expected = Pandas.Run($"out['df'] = frame(read({Pandas.Quote(glob)}))");
        FrameAssert.Equal(expected.GetProperty("df"), frame);
    }

    [Fact]
    public void CodedNames_CompareWithAValue_AsPandas_NullsIncluded()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 2, 900, nulls: true, names: 8);
        var df = DataFrame.ReadCsv(glob);

        var equal = df[df["names"] == "Alice"].Compute();
        var unequal = df[df["names"] != "Alice"].Compute();
        var below = df[df["names"] < "Dan"].Compute();
        var atLeast = df[df["names"] >= "Dan"].Compute();
        var flags = df.Assign("is_bob", df["names"] == "Bob")[["id", "is_bob"]].Compute();

        var expected = Pandas.Run($$"""
            d = read({{Pandas.Quote(glob)}})
            out['eq'] = frame(d[d.names == 'Alice'])
            out['ne'] = frame(d[d.names != 'Alice'])
            out['lt'] = frame(d[d.names < 'Dan'])
            out['ge'] = frame(d[d.names >= 'Dan'])
            d['is_bob'] = d.names == 'Bob'
            out['flags'] = frame(d[['id', 'is_bob']])
            """);
        FrameAssert.Equal(expected.GetProperty("eq"), equal);
        FrameAssert.Equal(expected.GetProperty("ne"), unequal);
        FrameAssert.Equal(expected.GetProperty("lt"), below);
        FrameAssert.Equal(expected.GetProperty("ge"), atLeast);
        FrameAssert.Equal(expected.GetProperty("flags"), flags);
    }

    [Fact]
    public void CodedNames_GroupAndCount_AsPandas()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 3, 800, nulls: true);
        var df = DataFrame.ReadCsv(glob);

        var means = df.GroupBy("names")["amount"].Mean().Compute();
        var stats = df.GroupBy("names").Agg(("amount", "sum"), ("id", "count")).Compute();
        var counts = df["names"].ValueCounts().Compute();
        var distinct = df["names"].NUnique().Compute();

        var expected = Pandas.Run($$"""
            d = read({{Pandas.Quote(glob)}})
            out['mean'] = frame(d.groupby('names').amount.mean().reset_index())
            out['agg'] = frame(d.groupby('names').agg({'amount': 'sum', 'id': 'count'}).reset_index())
            out['counts'] = frame(d.names.value_counts().rename_axis('names').reset_index(name='count'))
            out['nunique'] = int(d.names.nunique())
            """);
        FrameAssert.Equal(expected.GetProperty("mean"), means);
        FrameAssert.Equal(expected.GetProperty("agg"), stats);
        FrameAssert.Equal(expected.GetProperty("counts"), counts, sortRows: true);
        Assert.Equal(expected.GetProperty("nunique").GetInt64(), distinct);
    }

    [Fact]
    public void ValuesThatStopRepeating_TurnPlainMidBlock_WithNullsAndQuotesKept()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("mixed.csv");
        var text = new StringBuilder("id,label\n");
        string[] repeated = ["a", "\"say \"\"hi\"\"\"", "b,c", "", "déjà"];
        var rows = CsvStringCodes.MinDistinct * 3;
        for (var r = 0; r < rows; r++)
        {
            // Repeating values (a null among them) first, then a distinct value per row.
            var label = r < 2_000 ? repeated[r % repeated.Length] : string.Create(CultureInfo.InvariantCulture, $"u{r}");
            label = label == "b,c" ? "\"b,c\"" : label;
            text.Append(r).Append(',').Append(label).Append('\n');
        }
        File.WriteAllText(path, text.ToString());
        var counters = new CsvReadCounters();

        var frame = DataFrame.ReadCsv(path, new CsvReadOptions { Counters = counters }).Compute();

        Assert.Equal(1, counters.BlocksParsed);
        Assert.Equal(0, counters.CodedStringColumns);
        var expected = Pandas.Run($"out['df'] = frame(pd.read_csv({Pandas.Quote(path)}))");
        FrameAssert.Equal(expected.GetProperty("df"), frame);
    }

    [Fact]
    public void GroupOrder_OfOneKey_IsPandasSortOrder_ForNumbersAndCodePoints()
    {
        using var folder = new TestData.Folder();
        var path = folder.File("keys.csv");
        string[] words = ["zeta", "Ａlpha", "😀", "éclair", "apple", "Zulu", "中文", ""];
        var text = new StringBuilder("word,n,x,amount\n");
        for (var r = 0; r < 6_000; r++)
        {
            var n = (r * 7919 % 3001) - 1500;
            var x = r % 11 == 0 ? "" : ((r * 31 % 997) / 8.0 - 60).ToString(CultureInfo.InvariantCulture);
            text.Append(words[r % words.Length]).Append(',').Append(n).Append(',').Append(x).Append(',').Append(r % 13).Append('\n');
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        var df = DataFrame.ReadCsv(path);

        var byWord = df.GroupBy("word")["amount"].Sum().Compute();
        var byInteger = df.GroupBy("n")["amount"].Sum().Compute();
        var byReal = df.GroupBy("x")["amount"].Sum().Compute();

        var expected = Pandas.Run($$"""
            d = pd.read_csv({{Pandas.Quote(path)}})
            out['word'] = frame(d.groupby('word').amount.sum().reset_index())
            out['n'] = frame(d.groupby('n').amount.sum().reset_index())
            out['x'] = frame(d.groupby('x').amount.sum().reset_index())
            """);
        FrameAssert.Equal(expected.GetProperty("word"), byWord);
        FrameAssert.Equal(expected.GetProperty("n"), byInteger);
        FrameAssert.Equal(expected.GetProperty("x"), byReal);
    }
}
