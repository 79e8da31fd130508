namespace Tessera.DataFrames.Tests;

public sealed class ShuffleMergeTests
{
    [Theory]
    [InlineData(SchedulerKind.Threaded)]
    [InlineData(SchedulerKind.Synchronous)]
    public void Merge_TwoLargeSides_ShufflesAndMatchesPandas(SchedulerKind scheduler)
    {
        using var folder = new TestData.Folder();
        var leftGlob = TestData.Accounts(folder, 4, 90, seed: 1, nulls: true, names: 12);
        using var rightData = new TestData.Folder();
        var rightGlob = TestData.Accounts(rightData, 5, 40, seed: 2, nulls: true, names: 16);
        var left = DataFrame.ReadCsv(leftGlob);
        var right = DataFrame.ReadCsv(rightGlob);
        right = right.Assign("k", right["id"] % 4);
        left = left.Assign("k", left["id"] % 4);
        var options = new ComputeOptions { Scheduler = scheduler };
        var expected = Pandas.Run($$"""
            left = read({{Pandas.Quote(leftGlob)}})
            right = read({{Pandas.Quote(rightGlob)}})
            left['k'] = left.id % 4
            right['k'] = right.id % 4
            for how in ['inner', 'left', 'right', 'outer']:
                out[how] = frame(left.merge(right, on='names', how=how))
                out['multi_' + how] = frame(left.merge(right, on=['names', 'k'], how=how))
            """);
        foreach (var how in new[] { JoinType.Inner, JoinType.Left, JoinType.Right, JoinType.Outer })
        {
            var name = how.ToString().ToLowerInvariant();
            // 4 and 5 partitions: neither side is small enough to broadcast, so Auto shuffles.
            var auto = left.Merge(right, "names", how);
            Assert.Contains(auto.Graph().Graph.Tasks, t => t.Kind == "merge-shuffle");
            Assert.Equal(5, auto.NPartitions);
            FrameAssert.Equal(expected.GetProperty(name), auto.Compute(options), sortRows: true, checkDtypes: false);
            FrameAssert.Equal(expected.GetProperty(name), left.Merge(right, "names", how, MergeStrategy.Broadcast).Compute(options),
                sortRows: true, checkDtypes: false);
            FrameAssert.Equal(expected.GetProperty("multi_" + name), left.Merge(right, ["names", "k"], how, MergeStrategy.Shuffle).Compute(options),
                sortRows: true, checkDtypes: false);
        }
    }

    [Fact]
    public void Merge_OnePartitionSide_BroadcastsUnlessForced()
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 6, 30, nulls: true, names: 8);
        var people = folder.File("people.csv");
        File.WriteAllText(people, "names,age\nAlice,31\nBob,42\nBob,43\nZoe,20\n,55\n");
        var df = DataFrame.ReadCsv(glob);
        var small = DataFrame.ReadCsv(people);
        var expected = Pandas.Run($$"""
            df = read({{Pandas.Quote(glob)}})
            people = pd.read_csv({{Pandas.Quote(people)}})
            out['outer'] = frame(df.merge(people, on='names', how='outer'))
            """);
        var auto = df.Merge(small, "names", JoinType.Outer);
        Assert.Contains(auto.Graph().Graph.Tasks, t => t.Kind == "join-build");
        var forced = df.Merge(small, "names", JoinType.Outer, MergeStrategy.Shuffle);
        Assert.Contains(forced.Graph().Graph.Tasks, t => t.Kind == "merge-shuffle");
        FrameAssert.Equal(expected.GetProperty("outer"), auto.Compute(), sortRows: true, checkDtypes: false);
        FrameAssert.Equal(expected.GetProperty("outer"), forced.Compute(), sortRows: true, checkDtypes: false);
    }
}
