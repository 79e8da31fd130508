using System.Text.Json;

namespace Tessera.DataFrames.Tests;

public sealed class ReductionTests
{
    [Theory]
    [InlineData(SchedulerKind.Threaded)]
    [InlineData(SchedulerKind.Synchronous)]
    public void Reductions_MatchPandas(SchedulerKind scheduler)
    {
        using var folder = new TestData.Folder();
        // 11 small files: more partitions than SplitEvery, so the combine tree has two levels.
        var glob = TestData.Accounts(folder, 11, 97, nulls: true, names: 9);
        var df = DataFrame.ReadCsv(glob);
        var options = new ComputeOptions { Scheduler = scheduler };
        var expected = Pandas.Run($$"""
            df = read({{Pandas.Quote(glob)}})
            a = df.amount
            for name, v in [('sum', a.sum()), ('mean', a.mean()), ('min', a.min()), ('max', a.max()), ('std', a.std()),
                            ('var', a.var()), ('std0', a.std(ddof=0)), ('count', a.count()), ('len', len(df)),
                            ('nunique', df.names.nunique()), ('amount2', (a * 2 + 1).sum()), ('alice', df[df.names == 'Alice'].id.count())]:
                out[name] = scalar(v)
            vc = df.names.value_counts()
            out['value_counts'] = frame(pd.DataFrame({'names': vc.index, 'count': vc.values}))
            out['nlargest'] = frame(df.nlargest(7, 'amount'))
            out['nsmallest'] = frame(df.nsmallest(5, 'amount'))
            out['dups'] = frame(df.drop_duplicates(subset=['names']))
            d = df.describe()
            out['describe'] = frame(d.reset_index().rename(columns={'index': 'statistic'}))
            """);
        var amount = df["amount"];
        Near(expected, "sum", amount.Sum().Compute(options));
        Near(expected, "mean", amount.Mean().Compute(options));
        Near(expected, "min", amount.Min().Compute(options));
        Near(expected, "max", amount.Max().Compute(options));
        Near(expected, "std", amount.Std().Compute(options));
        Near(expected, "var", amount.Var().Compute(options));
        Near(expected, "std0", amount.Std(ddof: 0).Compute(options));
        Near(expected, "amount2", (amount * 2 + 1).Sum().Compute(options));
        Assert.Equal(expected.GetProperty("count").GetInt64(), amount.Count().Compute(options));
        Assert.Equal(expected.GetProperty("len").GetInt64(), df.Len().Compute(options));
        Assert.Equal(expected.GetProperty("len").GetInt64(), amount.Len().Compute(options));
        Assert.Equal(expected.GetProperty("nunique").GetInt64(), df["names"].NUnique().Compute(options));
        Assert.Equal(expected.GetProperty("alice").GetInt64(), df[df["names"] == "Alice"]["id"].Count().Compute(options));
        // Ties in value_counts have no defined order in pandas: compare as sets of (value, count), then the count order.
        var counts = df["names"].ValueCounts().Compute(options);
        FrameAssert.Equal(expected.GetProperty("value_counts"), counts, sortRows: true);
        var c = counts["count"].ToList().Cast<long>().ToArray();
        Assert.True(c.Zip(c.Skip(1)).All(p => p.First >= p.Second), "value counts are sorted by count, largest first");
        FrameAssert.Equal(expected.GetProperty("nlargest"), df.NLargest(7, "amount").Compute(options));
        FrameAssert.Equal(expected.GetProperty("nsmallest"), df.NSmallest(5, "amount").Compute(options));
        FrameAssert.Equal(expected.GetProperty("dups"), df.DropDuplicates("names").Compute(options));
        FrameAssert.Equal(expected.GetProperty("describe"), df.Describe().Compute(options), checkDtypes: false);
    }

    [Fact]
    public void NUniqueApprox_IsWithinThreeStandardErrors()
    {
        var rows = Enumerable.Range(0, 20000).Select(i => new Item(i % 7919)).ToArray();
        var df = DataFrame.FromRecords(rows, partitions: 5);
        var estimate = df["key"].NUniqueApprox().Compute();
        Assert.InRange(estimate, 7919 * (1 - 0.05), 7919 * (1 + 0.05));
        Assert.Equal(7919, df["key"].NUnique().Compute());
    }

    private static void Near(JsonElement expected, string name, double actual) =>
        FrameAssert.Same(expected.GetProperty(name).GetDouble(), actual, name);

    private sealed record Item(long key);
}
