namespace Tessera.Bags.Tests;

public abstract class TransformTests(SchedulerKind kind) : OnExecutor(kind)
{
    private static readonly List<Account> People = Accounts.Make(733, seed: 1);

    [Fact]
    public void FromSequence_PartitionCount_CutsAsDask()
    {
        var bag = Bag.FromSequence(Enumerable.Range(1, 10), partitions: 3);
        Assert.Equal(3, bag.Partitions);
        Assert.Equal([4, 4, 2], bag.ToDelayed().Select(d => d.Compute(Options).Count));
        Assert.Equal([4, 16, 36, 64, 100], bag.Where(x => x % 2 == 0).Select(x => x * x).Compute(Options));
    }

    [Fact]
    public void FromSequence_PartitionSize_AndEmpty()
    {
        Assert.Equal(8, Bag.FromSequence(Enumerable.Range(0, 733), partitionSize: 100).Partitions);
        var empty = Bag.FromSequence(Array.Empty<int>());
        Assert.Empty(empty.Compute(Options));
        Assert.Equal(0, empty.Count().Compute(Options));
        Assert.Throws<ArgumentException>(() => Bag.FromSequence([1], partitions: 1, partitionSize: 1));
    }

    [Fact]
    public void SelectWhereChain_MatchesLinq()
    {
        var bag = Bag.FromSequence(People, partitions: 7);
        var expected = People.Where(a => a.Transactions.Count > 2).Select(a => a.Name.ToUpperInvariant()).Where(n => n != "BOB").ToList();
        Assert.Equal(expected, bag.Where(a => a.Transactions.Count > 2).Select(a => a.Name.ToUpperInvariant()).Where(n => n != "BOB").Compute(Options));
    }

    [Fact]
    public void QuerySyntax_WhereSelect_FromFrom_Join_MatchLinq()
    {
        var bag = Bag.FromSequence(People, partitions: 5);
        var q = from a in bag where a.Transactions.Count > 2 select a.Id;
        Assert.Equal(from a in People where a.Transactions.Count > 2 select a.Id, q.Compute(Options));

        var flat = from a in bag from t in a.Transactions where t.Amount > 1000 select (a.Name, t.Amount);
        Assert.Equal(from a in People from t in a.Transactions where t.Amount > 1000 select (a.Name, t.Amount), flat.Compute(Options));

        var cities = new[] { ("Alice", "Paris"), ("Bob", "Oslo"), ("Alice", "Rome"), ("Zed", "Lima") };
        var joined = from a in bag join c in cities on a.Name equals c.Item1 select $"{a.Id}@{c.Item2}";
        Assert.Equal(from a in People join c in cities on a.Name equals c.Item1 select $"{a.Id}@{c.Item2}", joined.Compute(Options));
    }

    [Fact]
    public void SelectMany_Flattens_AsLinq()
    {
        var bag = Bag.FromSequence(People, partitions: 4);
        Assert.Equal(People.SelectMany(a => a.Transactions).Select(t => t.Amount), bag.SelectMany(a => a.Transactions).Select(t => t.Amount).Compute(Options));
    }

    [Fact]
    public void Distinct_KeepsFirstOccurrenceOrder()
    {
        var items = Enumerable.Range(0, 500).Select(i => (i * 7919) % 61).ToList();
        Assert.Equal(items.Distinct(), Bag.FromSequence(items, partitions: 9).Distinct().Compute(Options));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(100)]
    public void Take_MatchesLinq_AndOpensOnlyNeededPartitions(int count)
    {
        var opened = 0;
        var bag = Bag.FromSequence(Enumerable.Range(0, 20), partitionSize: 4)
            .MapPartitions(items =>
            {
                Interlocked.Increment(ref opened);
                return items;
            });
        Assert.Equal(Enumerable.Range(0, 20).Take(count), bag.Take(count).Compute(Options));
        var needed = count == 0 ? 0 : Math.Min(5, (count + 3) / 4);
        Assert.Equal(needed, opened);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(40)]
    public void Repartition_KeepsOrder_AndCount(int partitions)
    {
        var bag = Bag.FromSequence(Enumerable.Range(0, 101), partitions: 7);
        var re = bag.Where(x => x != 50).Repartition(partitions);
        Assert.Equal(partitions, re.Partitions);
        Assert.Equal(Enumerable.Range(0, 101).Where(x => x != 50), re.Compute(Options));
        Assert.Equal(partitions, re.ToDelayed().Length);
    }

    [Fact]
    public void Zip_PairsPartitionByPartition_AndRejectsUnequal()
    {
        var a = Bag.FromSequence(Enumerable.Range(0, 50), partitions: 5);
        var b = a.Select(x => x * 3.5);
        Assert.Equal(Enumerable.Range(0, 50).Zip(Enumerable.Range(0, 50).Select(x => x * 3.5)), a.Zip(b).Compute(Options));
        Assert.Throws<ArgumentException>(() => a.Zip(Bag.FromSequence(Enumerable.Range(0, 50), partitions: 2)));
        var uneven = a.Zip(a.Where(x => x != 3));
        var error = Assert.Throws<TaskFailedException>(() => uneven.Compute(Options));
        Assert.Contains("equal length", error.InnerException!.Message);
    }

    [Fact]
    public void MapPartitions_And_Concat()
    {
        var bag = Bag.FromSequence(Enumerable.Range(0, 30), partitions: 3);
        Assert.Equal([45, 145, 245], bag.MapPartitions(items => new[] { items.Sum() }).Compute(Options));
        var both = Bag.Concat(bag, bag.Select(x => -x));
        Assert.Equal(6, both.Partitions);
        Assert.Equal(Enumerable.Range(0, 30).Concat(Enumerable.Range(0, 30).Select(x => -x)), both.Compute(Options));
    }
}

public sealed class TransformTestsThreaded() : TransformTests(SchedulerKind.Threaded);

public sealed class TransformTestsSynchronous() : TransformTests(SchedulerKind.Synchronous);
