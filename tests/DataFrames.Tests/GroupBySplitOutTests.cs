using Apache.Arrow;

namespace Tessera.DataFrames.Tests;

public sealed class GroupBySplitOutTests
{
    [Theory]
    [InlineData(SchedulerKind.Threaded)]
    [InlineData(SchedulerKind.Synchronous)]
    public void GroupBy_SplitOut_MatchesPandas_GroupsSpreadOverPartitions(SchedulerKind scheduler)
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 10, 120, nulls: true, names: 26);
        var df = DataFrame.ReadCsv(glob);
        df = df.Assign("bucket", df["id"] % 3);
        var options = new ComputeOptions { Scheduler = scheduler };
        var expected = Pandas.Run($$"""
            df = read({{Pandas.Quote(glob)}})
            df['bucket'] = df.id % 3
            g = df.groupby('names')
            for agg in ['sum', 'mean', 'count', 'min', 'max', 'std', 'var', 'first', 'last', 'nunique']:
                out[agg] = frame(getattr(g['amount'], agg)().reset_index())
            out['size'] = frame(g.size().reset_index(name='size'))
            out['multi'] = frame(df.groupby(['names', 'bucket']).amount.sum().reset_index())
            out['agg'] = frame(g.agg(amount_sum=('amount', 'sum'), amount_max=('amount', 'max'), id_count=('id', 'count')).reset_index())
            """);
        var g = df.GroupBy("names");
        var results = new (string Name, DataFrame Frame)[]
        {
            ("sum", g["amount"].Sum(splitOut: 4)),
            ("mean", g["amount"].Mean(splitOut: 4)),
            ("count", g["amount"].Count(splitOut: 4)),
            ("min", g["amount"].Min(splitOut: 4)),
            ("max", g["amount"].Max(splitOut: 4)),
            ("std", g["amount"].Std(splitOut: 4)),
            ("var", g["amount"].Var(splitOut: 4)),
            ("first", g["amount"].First(splitOut: 4)),
            ("last", g["amount"].Last(splitOut: 4)),
            ("nunique", g["amount"].NUnique(splitOut: 4)),
            ("size", g.Size(splitOut: 4)),
            ("multi", df.GroupBy("names", "bucket")["amount"].Sum(splitOut: 3)),
            ("agg", g.Agg([("amount", "sum"), ("amount", "max"), ("id", "count")], splitOut: 4)),
        };
        foreach (var (name, result) in results)
        {
            FrameAssert.Equal(expected.GetProperty(name), result.Compute(options), sortRows: true);
            var partitions = result.ComputePartitions(options, Enumerable.Range(0, result.NPartitions));
            Assert.True(partitions.Count(p => p.RowCount > 0) > 1, $"{name}: every group landed in one partition");
            ShuffleTests.AssertEachKeyInOnePartition(partitions, name == "multi" ? ["names", "bucket"] : ["names"]);
        }
    }

    [Fact]
    public void GroupBy_SplitOutOne_IsTheSinglePartitionTreeReduction()
    {
        var df = DataFrame.FromFrame(Keys(1000, 10), partitions: 4);
        var result = df.GroupBy("k").Sum(splitOut: 1);
        Assert.Equal(1, result.NPartitions);
        Assert.Contains(result.Graph().Graph.Tasks, t => t.Kind == "reduce-combine");
    }

    [Fact]
    public void GroupBy_ManyGroups_ChoosesToShuffleByItself()
    {
        // 960 000 distinct int64 keys in memory: about 960 000 * (9 + 16) bytes of partials, over
        // the 16 MiB threshold, so the group-by splits its output by itself.
        var df = DataFrame.FromFrame(Keys(960_000, 960_000), partitions: 8);
        var auto = df.GroupBy("k")["v"].Sum();
        Assert.True(auto.NPartitions > 1, $"expected a split result, got {auto.NPartitions} partition(s)");
        Assert.Contains(auto.Graph().Graph.Tasks, t => t.Kind == "groupby-split");
        // A lazy frame is not computed to estimate: one partition unless splitOut says otherwise.
        Assert.Equal(1, df.Assign("w", df["v"] * 2).GroupBy("k")["v"].Sum().NPartitions);
        // Few groups stay in one partition.
        Assert.Equal(1, DataFrame.FromFrame(Keys(10_000, 50), partitions: 8).GroupBy("k")["v"].Sum().NPartitions);
    }

    [Fact]
    public void GroupBy_ManyGroupsSplitOut_EqualsNumPySums()
    {
        using var folder = new TestData.Folder();
        var frame = Keys(200_000, 50_000);
        var df = DataFrame.FromFrame(frame, partitions: 6);
        var result = df.GroupBy("k")["v"].Sum(splitOut: 5).Compute();
        // Compare with NumPy's bincount over the same keys and values.
        var csv = folder.File("kv.csv");
        File.WriteAllLines(csv, ["k,v", .. Enumerable.Range(0, frame.RowCount).Select(r => $"{frame.GetValue("k", r)},{frame.GetValue("v", r)}")]);
        var expected = Pandas.Run($$"""
            kv = pd.read_csv({{Pandas.Quote(csv)}})
            k = kv.k.to_numpy(); v = kv.v.to_numpy()
            sums = np.bincount(k, weights=v, minlength=k.max() + 1)
            counts = np.bincount(k)
            present = np.nonzero(counts)[0]
            out['r'] = frame(pd.DataFrame({'k': present, 'v': sums[present].astype(np.int64)}))
            """);
        FrameAssert.Equal(expected.GetProperty("r"), result, sortRows: true);
    }

    [Fact]
    public void GroupBy_SplitOutBelowOne_SaysWhatToPass()
    {
        var df = DataFrame.FromFrame(Keys(10, 3));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => df.GroupBy("k").Sum(splitOut: 0));
        Assert.Contains("at least 1", error.Message);
    }

    /// <summary>Seeded int64 keys in [0, distinct) and small int64 values.</summary>
    private static Frame Keys(int rows, int distinct)
    {
        var random = new Random(7);
        var keys = new Int64Array.Builder();
        var values = new Int64Array.Builder();
        for (var r = 0; r < rows; r++)
        {
            keys.Append(distinct == rows ? r : random.Next(distinct));
            values.Append(random.Next(-100, 100));
        }
        return Frame.FromColumns(("k", keys.Build()), ("v", values.Build()));
    }
}
