using Tessera.Scheduling;

namespace Tessera.DataFrames.Tests;

public sealed class ShuffleTests
{
    [Theory]
    [InlineData(SchedulerKind.Threaded)]
    [InlineData(SchedulerKind.Synchronous)]
    public void Shuffle_RowsMatchPandas_EachKeyInOnePartition(SchedulerKind scheduler)
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 6, 150, nulls: true, names: 20);
        var df = DataFrame.ReadCsv(glob);
        var withBucket = df.Assign("bucket", df["id"] % 3);
        var options = new ComputeOptions { Scheduler = scheduler };
        var expected = Pandas.Run($$"""
            df = read({{Pandas.Quote(glob)}})
            out['rows'] = frame(df)
            df['bucket'] = df.id % 3
            out['bucket'] = frame(df)
            """);
        foreach (var partitions in new[] { 1, 4, 9 })
        {
            var shuffled = df.Shuffle(["names"], partitions);
            Assert.Equal(partitions, shuffled.NPartitions);
            FrameAssert.Equal(expected.GetProperty("rows"), shuffled.Compute(options), sortRows: true);
            AssertEachKeyInOnePartition(shuffled.ComputePartitions(options, Enumerable.Range(0, partitions)), ["names"]);
        }
        var twoKeys = withBucket.Shuffle("names", "bucket");
        Assert.Equal(df.NPartitions, twoKeys.NPartitions);
        FrameAssert.Equal(expected.GetProperty("bucket"), twoKeys.Compute(options), sortRows: true);
        AssertEachKeyInOnePartition(twoKeys.ComputePartitions(options, Enumerable.Range(0, twoKeys.NPartitions)), ["names", "bucket"]);
    }

    [Fact]
    public void Shuffle_Graph_IsSplitTasksThenConcatTasks()
    {
        using var folder = new TestData.Folder();
        var df = DataFrame.ReadCsv(TestData.Accounts(folder, 3, 20));
        var (graph, keys) = df.Shuffle(["id"], 5).Graph();
        Assert.Equal(3, graph.Tasks.Count(t => t.Kind == "shuffle-split"));
        Assert.Equal(5, graph.Tasks.Count(t => t.Kind == "shuffle-concat"));
        // Every output partition gathers its piece from every input's split.
        Assert.All(keys, k => Assert.Equal(3, graph[k].Args.Count));
    }

    [Fact]
    public void Shuffle_UnderAMemoryLimitSmallerThanTheData_SpillsAndGivesTheSameRows()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 6, 400, nulls: true);
        var df = DataFrame.ReadCsv(glob);
        var expected = Pandas.Run($$"""
            df = read({{Pandas.Quote(glob)}})
            out['rows'] = frame(df)
            """);
        var spills = new SpillCounter();
        // The data is ~40 KB; 4 KB cannot hold one partition's split and its pieces at once.
        var options = new ComputeOptions { MemoryLimit = 4096, SpillDirectory = folder.File("spill"), Observers = [spills] };
        var shuffled = df.Shuffle(["names"], 4);
        FrameAssert.Equal(expected.GetProperty("rows"), shuffled.Compute(options), sortRows: true);
        Assert.True(spills.Count > 0, "the memory limit should have spilled some split results to disk");
    }

    [Fact]
    public void Shuffle_BadArguments_SayWhatToPass()
    {
        var df = DataFrame.FromRecords([new Row(1, "a")]);
        Assert.Contains("at least one key column", Assert.Throws<ArgumentException>(() => df.Shuffle()).Message);
        Assert.Contains("npartitions >= 1", Assert.Throws<ArgumentOutOfRangeException>(() => df.Shuffle(["id"], 0)).Message);
        Assert.Contains("missing", Assert.ThrowsAny<ArgumentException>(() => df.Shuffle("missing")).Message);
    }

    /// <summary>No key (null included) appears in two partitions.</summary>
    internal static void AssertEachKeyInOnePartition(IReadOnlyList<Frame> partitions, string[] keys)
    {
        var owner = new Dictionary<string, int>();
        for (var p = 0; p < partitions.Count; p++)
        {
            var frame = partitions[p];
            for (var r = 0; r < frame.RowCount; r++)
            {
                var key = string.Join("\u0001", keys.Select(k => FrameAssert.Value(frame.Column(frame.IndexOf(k)), r) ?? "<null>"));
                if (owner.TryGetValue(key, out var seen))
                {
                    Assert.True(seen == p, $"key '{key}' is in partitions {seen} and {p}");
                }
                owner[key] = p;
            }
        }
        Assert.NotEmpty(owner);
    }

    private sealed record Row(long id, string name);

    private sealed class SpillCounter : IComputeObserver
    {
        private int _count;

        public int Count => _count;

        public void OnSpilled(in SpillEvent spill) => Interlocked.Increment(ref _count);
    }
}
