using Tessera.Bags;

namespace Tessera.DataFrames.Tests;

/// <summary>Bag.ToDataFrame: a partition per bag partition, a column per property, the same rows as LINQ.</summary>
public class BagToDataFrameTests
{
    public sealed record Account(long Id, string Name, double Amount);

    private static readonly Account[] Accounts =
        [.. Enumerable.Range(0, 200).Select(i => new Account(i, (i % 7) switch { 0 => "Alice", 1 => "Bob", _ => $"N{i % 5}" }, (i * 13 % 50) + 0.25))];

    [Theory]
    [InlineData(SchedulerKind.Synchronous)]
    [InlineData(SchedulerKind.Threaded)]
    public void ToDataFrame_KeepsRowsAndPartitions_AndGroupsAsLinq(SchedulerKind scheduler)
    {
        var options = new ComputeOptions { Scheduler = scheduler };
        var bag = Bag.FromSequence(Accounts, partitions: 4).Where(a => a.Amount > 5);
        var df = bag.ToDataFrame();
        Assert.Equal(4, df.NPartitions);
        Assert.Equal(["Id", "Name", "Amount"], df.Columns);
        var expected = Accounts.Where(a => a.Amount > 5).ToArray();
        Assert.Equal(expected.Length, df.Len().Compute(options));
        Assert.Equal(expected.Sum(a => a.Amount), df["Amount"].Sum().Compute(options), 1e-9);
        var alices = df[df["Name"] == "Alice"]["Id"].Count().Compute(options);
        Assert.Equal(expected.Count(a => a.Name == "Alice"), alices);
    }
}
