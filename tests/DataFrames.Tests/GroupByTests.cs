namespace Tessera.DataFrames.Tests;

public sealed class GroupByTests
{
    [Theory]
    [InlineData(SchedulerKind.Threaded)]
    [InlineData(SchedulerKind.Synchronous)]
    public void GroupBy_Aggregations_MatchPandasResetIndex(SchedulerKind scheduler)
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 10, 120, nulls: true, names: 12);
        var df = DataFrame.ReadCsv(glob).Assign("bucket", DataFrame.ReadCsv(glob)["id"] % 3);
        var options = new ComputeOptions { Scheduler = scheduler };
        var expected = Pandas.Run($$"""
            df = read({{Pandas.Quote(glob)}})
            df['bucket'] = df.id % 3
            g = df.groupby('names')
            for agg in ['sum', 'mean', 'count', 'min', 'max', 'std', 'var', 'first', 'last', 'nunique']:
                out[agg] = frame(getattr(g['amount'], agg)().reset_index())
            out['size'] = frame(g.size().reset_index(name='size'))
            out['all_mean'] = frame(g[['id', 'amount', 'bucket']].mean().reset_index())
            out['multi'] = frame(df.groupby(['names', 'bucket']).amount.sum().reset_index())
            out['agg'] = frame(g.agg(amount_sum=('amount', 'sum'), amount_max=('amount', 'max'), id_count=('id', 'count')).reset_index())
            out['apply'] = frame(g.apply(lambda f: f.nlargest(2, 'amount')[['id', 'amount']]).reset_index(level=0).reset_index(drop=True))
            """);
        var g = df.GroupBy("names");
        FrameAssert.Equal(expected.GetProperty("sum"), g["amount"].Sum().Compute(options));
        FrameAssert.Equal(expected.GetProperty("mean"), g["amount"].Mean().Compute(options));
        FrameAssert.Equal(expected.GetProperty("count"), g["amount"].Count().Compute(options));
        FrameAssert.Equal(expected.GetProperty("min"), g["amount"].Min().Compute(options));
        FrameAssert.Equal(expected.GetProperty("max"), g["amount"].Max().Compute(options));
        FrameAssert.Equal(expected.GetProperty("std"), g["amount"].Std().Compute(options));
        FrameAssert.Equal(expected.GetProperty("var"), g["amount"].Var().Compute(options));
        FrameAssert.Equal(expected.GetProperty("first"), g["amount"].First().Compute(options));
        FrameAssert.Equal(expected.GetProperty("last"), g["amount"].Last().Compute(options));
        FrameAssert.Equal(expected.GetProperty("nunique"), g["amount"].NUnique().Compute(options));
        FrameAssert.Equal(expected.GetProperty("size"), g.Size().Compute(options));
        FrameAssert.Equal(expected.GetProperty("all_mean"), g.Mean().Compute(options));
        FrameAssert.Equal(expected.GetProperty("multi"), df.GroupBy("names", "bucket")["amount"].Sum().Compute(options));
        FrameAssert.Equal(expected.GetProperty("agg"), g.Agg(("amount", "sum"), ("amount", "max"), ("id", "count")).Compute(options));
        var applied = g.Apply(f => f.NLargestRows(2, "amount").Select(["id", "amount"])).Compute(options);
        FrameAssert.Equal(expected.GetProperty("apply"), applied);
    }
}

internal static class FrameTestExtensions
{
    /// <summary>pandas' nlargest on an in-memory frame, through the lazy one.</summary>
    public static Frame NLargestRows(this Frame frame, int n, string column) =>
        DataFrame.FromFrame(frame).NLargest(n, column).Compute(new ComputeOptions { Scheduler = SchedulerKind.Synchronous });
}
