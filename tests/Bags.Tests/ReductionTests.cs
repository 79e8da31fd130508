using Tessera.Diagnostics;

namespace Tessera.Bags.Tests;

public abstract class ReductionTests(SchedulerKind kind) : OnExecutor(kind)
{
    private static readonly List<Account> People = Accounts.Make(1500, seed: 2);

    // 23 partitions: more than one level of the combine tree (8 per group).
    private static Bag<Account> Bag23 => Bag.FromSequence(People, partitions: 23);

    [Fact]
    public void ScalarReductions_MatchLinq()
    {
        var amounts = People.SelectMany(a => a.Transactions).Select(t => t.Amount).ToList();
        var bag = Bag23.SelectMany(a => a.Transactions).Select(t => t.Amount);
        Assert.Equal(amounts.Count, bag.Count().Compute(Options));
        Assert.Equal(amounts.Sum(), bag.Sum().Compute(Options));
        Assert.Equal(amounts.Min(), bag.Min().Compute(Options));
        Assert.Equal(amounts.Max(), bag.Max().Compute(Options));
        Assert.Equal(amounts.Average(), bag.Average().Compute(Options), 1e-9);
        var mean = amounts.Average();
        var var0 = amounts.Sum(x => (x - mean) * (x - mean)) / amounts.Count;
        var var1 = amounts.Sum(x => (x - mean) * (x - mean)) / (amounts.Count - 1);
        Assert.Equal(var0, bag.Var().Compute(Options), var0 * 1e-12);
        Assert.Equal(var1, bag.Var(ddof: 1).Compute(Options), var1 * 1e-12);
        Assert.Equal(Math.Sqrt(var0), bag.Std().Compute(Options), 1e-9);
        Assert.Equal(People.Count(a => a.Name == "Alice"), Bag23.Count(a => a.Name == "Alice").Compute(Options));
        Assert.Equal(People.Max(a => a.Name), Bag23.Max(a => a.Name).Compute(Options));
    }

    [Fact]
    public void AnyAll_MatchLinq()
    {
        Assert.True(Bag23.Any().Compute(Options));
        Assert.False(Bag.FromSequence(Array.Empty<int>()).Any().Compute(Options));
        Assert.Equal(People.Any(a => a.Id == 1499), Bag23.Any(a => a.Id == 1499).Compute(Options));
        Assert.False(Bag23.Any(a => a.Id < 0).Compute(Options));
        Assert.True(Bag23.All(a => a.Id >= 0).Compute(Options));
        Assert.Equal(People.All(a => a.Transactions.Count > 0), Bag23.All(a => a.Transactions.Count > 0).Compute(Options));
        Assert.True(Bag.FromSequence(Array.Empty<int>()).All(x => x > 0).Compute(Options));
    }

    [Fact]
    public void EmptyMinAndAverage_Throw_AsLinq()
    {
        var empty = Bag.FromSequence(Enumerable.Range(0, 10), partitions: 3).Where(x => x > 100);
        Assert.IsType<InvalidOperationException>(Assert.Throws<TaskFailedException>(() => empty.Min().Compute(Options)).InnerException);
        Assert.IsType<InvalidOperationException>(Assert.Throws<TaskFailedException>(() => empty.Average().Compute(Options)).InnerException);
        Assert.Equal(0, empty.Sum().Compute(Options));
    }

    [Fact]
    public void Aggregate_And_Reduction_MatchLinq()
    {
        var total = Bag23.Aggregate(0L, (acc, a) => acc + a.Transactions.Count, (x, y) => x + y).Compute(Options);
        Assert.Equal(People.Sum(a => (long)a.Transactions.Count), total);
        var names = Bag23.Aggregate(() => new HashSet<string>(), (set, a) => { set.Add(a.Name); return set; }, (x, y) => { x.UnionWith(y); return x; })
            .Compute(Options);
        Assert.Equal(People.Select(a => a.Name).ToHashSet(), names);
        var sizes = Bag23.Reduction(items => items.Count(), counts => counts.ToList()).Compute(Options);
        Assert.Equal(23, sizes.Count);
        Assert.Equal(People.Count, sizes.Sum());
    }

    [Fact]
    public void Frequencies_And_TopK_MatchLinq()
    {
        var expected = People.GroupBy(a => a.Name).ToDictionary(g => g.Key, g => (long)g.Count());
        var frequencies = Bag23.Select(a => a.Name).Frequencies().Compute(Options);
        Assert.Equal(expected, frequencies.ToDictionary(f => f.Key, f => f.Count));
        var top = Bag23.Select(a => a.Name).Frequencies().TopK(3, f => f.Count).Compute(Options);
        Assert.Equal(expected.Values.OrderByDescending(c => c).Take(3), top.Select(t => t.Count));
        var richest = Bag23.TopK(10, a => a.Transactions.Sum(t => t.Amount)).Compute(Options);
        Assert.Equal(People.Select(a => a.Transactions.Sum(t => t.Amount)).OrderByDescending(x => x).Take(10),
            richest.Select(a => a.Transactions.Sum(t => t.Amount)));
        Assert.Empty(Bag23.TopK(0, a => a.Id).Compute(Options));
    }

    [Fact]
    public void FoldBy_MatchesLinqGroupBySum()
    {
        var expected = People.GroupBy(a => a.Name).ToDictionary(g => g.Key, g => g.Sum(a => a.Transactions.Sum(t => t.Amount)));
        var totals = Bag23.FoldBy(a => a.Name, (sum, a) => sum + a.Transactions.Sum(t => t.Amount), 0L, (x, y) => x + y).Compute(Options);
        Assert.Equal(expected, totals.ToDictionary(t => t.Key, t => t.Value));
        // combineInitial starts every key's merge (dask's combine_initial): a neutral value changes nothing.
        var withInitial = Bag23.FoldBy(a => a.Name, (sum, a) => sum + a.Transactions.Sum(t => t.Amount), 0L, (x, y) => x + y, 0L).Compute(Options);
        Assert.Equal(expected, withInitial.ToDictionary(t => t.Key, t => t.Value));
        var maxima = Bag23.FoldBy(a => a.Id % 5, (m, a) => Math.Max(m, a.Id), long.MinValue, Math.Max).Compute(Options);
        Assert.Equal(People.GroupBy(a => a.Id % 5).ToDictionary(g => g.Key, g => g.Max(a => a.Id)), maxima.ToDictionary(t => t.Key, t => t.Value));
    }

    [Fact]
    public void GroupBy_EqualsLinqGroupBy_UpToOrder()
    {
        AssertSameGroups(People.GroupBy(a => a.Name), Bag23.GroupBy(a => a.Name).Compute(Options));
        var query = from a in Bag23 group a by a.Id % 7;
        AssertSameGroups(People.GroupBy(a => a.Id % 7), query.Compute(Options));
        Assert.Equal(4, Bag23.GroupBy(a => a.Name, partitions: 4).Partitions);
    }

    [Fact]
    public void GroupBy_PastMemoryLimit_SpillsAndStillMatches()
    {
        var recorder = new MemorySummaryRecorder();
        var options = Options with { MemoryLimit = 20_000, Observers = [recorder] };
        var groups = Bag23.GroupBy(a => a.Id % 11).Compute(options);
        AssertSameGroups(People.GroupBy(a => a.Id % 11), groups);
        Assert.True(recorder.SpilledBytes > 0, "a 20 kB limit on a 200 kB shuffle must spill");
    }

    private static void AssertSameGroups<TKey>(IEnumerable<IGrouping<TKey, Account>> expected, List<Group<TKey, Account>> actual)
        where TKey : notnull
    {
        var want = expected.ToDictionary(g => g.Key, g => g.Select(a => a.Id).ToList());
        Assert.Equal(want.Count, actual.Count);
        foreach (var group in actual)
        {
            Assert.Equal(want[group.Key], group.Select(a => a.Id).ToList());
        }
    }
}

public sealed class ReductionTestsThreaded() : ReductionTests(SchedulerKind.Threaded);

public sealed class ReductionTestsSynchronous() : ReductionTests(SchedulerKind.Synchronous);
