namespace Tessera.DataFrames.Tests;

public sealed class MergeTests
{
    [Theory]
    [InlineData(SchedulerKind.Threaded)]
    [InlineData(SchedulerKind.Synchronous)]
    public void Merge_EveryJoinType_MatchesPandasUpToRowOrder(SchedulerKind scheduler)
    {
        using var folder = new TestData.Folder();
        var glob = TestData.Accounts(folder, 3, 80, nulls: true, names: 8);
        var people = folder.File("people.csv");
        File.WriteAllText(people, "names,age,amount\nAlice,31,1.5\nBob,42,2.5\nBob,43,3.5\nZoe,20,4.5\nDan,55,\n");
        var df = DataFrame.ReadCsv(glob);
        var small = DataFrame.ReadCsv(people);
        var options = new ComputeOptions { Scheduler = scheduler };
        var expected = Pandas.Run($$"""
            df = read({{Pandas.Quote(glob)}})
            people = pd.read_csv({{Pandas.Quote(people)}})
            for how in ['inner', 'left', 'right', 'outer']:
                out[how] = frame(df.merge(people, on='names', how=how))
                out['swapped_' + how] = frame(people.merge(df, on='names', how=how))
            df['k'] = df.id % 4
            people['k'] = people.age % 4
            out['multi'] = frame(df.merge(people, on=['names', 'k'], how='inner'))
            """);
        foreach (var how in new[] { JoinType.Inner, JoinType.Left, JoinType.Right, JoinType.Outer })
        {
            var name = how.ToString().ToLowerInvariant();
            FrameAssert.Equal(expected.GetProperty(name), df.Merge(small, "names", how).Compute(options), sortRows: true, checkDtypes: false);
            // The small frame on the left: the left side is then the one broadcast.
            FrameAssert.Equal(expected.GetProperty("swapped_" + name), small.Merge(df, "names", how).Compute(options), sortRows: true, checkDtypes: false);
        }
        var left = df.Assign("k", df["id"] % 4);
        var right = small.Assign("k", small["age"] % 4);
        FrameAssert.Equal(expected.GetProperty("multi"), left.Merge(right, ["names", "k"]).Compute(options), sortRows: true, checkDtypes: false);
    }

    [Fact]
    public void Merge_KeyTypesDiffer_SaysWhichKey()
    {
        var a = DataFrame.FromRecords([new L(1, "x")]);
        var b = DataFrame.FromRecords([new R("1", 2.0)]);
        var error = Assert.Throws<ArgumentException>(() => a.Merge(b, "id"));
        Assert.Contains("Key 'id'", error.Message);
    }

    private sealed record L(long id, string v);

    private sealed record R(string id, double w);
}
