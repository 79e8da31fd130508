using Tessera.Kernels;

namespace Tessera.DataFrames.Tests;

/// <summary>
/// Column expressions against pandas, run on one device per derived class: the same fused kernels
/// on the CPU backend and on ILGPU's CPU accelerator (the GPU kernels' code path).
/// </summary>
public abstract class ColumnExpressionTests
{
    protected abstract Device Device { get; }

    private ComputeOptions Options(SchedulerKind scheduler) => new() { Device = Device, Scheduler = scheduler };

    [Theory]
    [InlineData(SchedulerKind.Threaded)]
    [InlineData(SchedulerKind.Synchronous)]
    public void Expressions_MatchPandas(SchedulerKind scheduler)
    {
        KernelBackends.Register();
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 3, 257, nulls: true);
        var df = DataFrame.ReadCsv(glob);
        var options = Options(scheduler);
        var fused = df.Assign("score", df["amount"] * 2 + df["id"] > 500)
            .Assign("ratio", df["amount"] / (df["id"] + 1))
            .Assign("neg", -df["id"] % 7)
            .Assign("filled", df["amount"].FillNull(-1.0))
            .Assign("missing", df["amount"].IsNull() | df["names"].IsNull())
            .Assign("alice", df["names"] == "Alice")
            .Assign("later", df["names"] >= "M")
            .Drop("names");
        var filtered = df[(df["names"] == "Bob") & (df["amount"] > 100.0)];
        var masked = df[df["amount"] * 2 + df["id"] > 500][["amount", "id"]];
        var expected = Pandas.Run($$"""
            df = read({{Pandas.Quote(glob)}})
            f = df.assign(score=df.amount * 2 + df.id > 500, ratio=df.amount / (df.id + 1), neg=-df.id % 7,
                          filled=df.amount.fillna(-1.0), missing=df.amount.isna() | df.names.isna(),
                          alice=df.names == 'Alice', later=df.names.fillna('') >= 'M').drop(columns=['names'])
            out['fused'] = frame(f)
            out['filtered'] = frame(df[(df.names == 'Bob') & (df.amount > 100.0)])
            out['masked'] = frame(df[df.amount * 2 + df.id > 500][['amount', 'id']])
            out['dropna'] = frame(df.dropna())
            """);
        FrameAssert.Equal(expected.GetProperty("fused"), fused.Compute(options));
        FrameAssert.Equal(expected.GetProperty("filtered"), filtered.Compute(options));
        FrameAssert.Equal(expected.GetProperty("masked"), masked.Compute(options));
        FrameAssert.Equal(expected.GetProperty("dropna"), df.DropNull().Compute(options));
    }

    [Fact]
    public void Expression_FromTwoFrames_ZipsPartitionByPartition()
    {
        KernelBackends.Register();
        var a = DataFrame.FromRecords(Enumerable.Range(0, 100).Select(i => new Row(i, i * 0.5)), partitions: 4);
        var b = a.Assign("y", a["y"] * 3);
        var sum = (a["y"] + b["y"]).Compute(Options(SchedulerKind.Threaded));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (object?)(i * 0.5 * 4)), sum.ToList());
        var onOther = a[b["y"] > 30.0].Compute(Options(SchedulerKind.Threaded));
        Assert.Equal(Enumerable.Range(0, 100).Where(i => i * 1.5 > 30).Select(i => (object?)(long)i), onOther["x"].ToList());
    }

    private sealed record Row(long x, double y);
}

public sealed class CpuColumnExpressionTests : ColumnExpressionTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class IlGpuCpuColumnExpressionTests : ColumnExpressionTests
{
    protected override Device Device => Device.IlGpuCpu;
}
