namespace Tessera.Bags.Tests;

public abstract class ResultTests(SchedulerKind kind) : OnExecutor(kind)
{
    [Fact]
    public void UserException_NamesPartitionAndElement()
    {
        var bag = Bag.FromSequence(Enumerable.Range(0, 40), partitionSize: 10)
            .Select(x => x == 27 ? throw new ArgumentException("bad element") : x);
        var error = Assert.Throws<TaskFailedException>(() => bag.Compute(Options));
        Assert.EndsWith("[2]", error.TaskKey);
        var element = Assert.IsType<BagElementException>(error.InnerException);
        Assert.Equal(2, element.Partition);
        Assert.Equal(7, element.Index);
        Assert.Equal("Select", element.Operation);
        Assert.IsType<ArgumentException>(element.InnerException);
        Assert.Contains("element 7 of partition 2", error.Message);
    }

    [Fact]
    public void FoldByKeyException_NamesElement()
    {
        var bag = Bag.FromSequence(Enumerable.Range(0, 40), partitionSize: 10);
        var error = Assert.Throws<TaskFailedException>(() =>
            bag.FoldBy(x => 100 / (x - 15), (a, x) => a + x, 0, (a, b) => a + b).Compute(Options));
        var element = Assert.IsType<BagElementException>(error.InnerException);
        Assert.Equal((1, 5L), (element.Partition, element.Index));
    }

    [Fact]
    public void Persist_ComputesOnce()
    {
        var calls = 0;
        var bag = Bag.FromSequence(Enumerable.Range(0, 100), partitions: 4).Select(x =>
        {
            Interlocked.Increment(ref calls);
            return x * 2;
        });
        var persisted = bag.Persist(Options);
        Assert.Equal(100, calls);
        Assert.Equal(Enumerable.Range(0, 100).Sum(x => x * 2), persisted.Sum().Compute(Options));
        Assert.Equal(Enumerable.Range(0, 100).Select(x => x * 2), persisted.Compute(Options));
        Assert.Equal(100, calls);
        Assert.Equal(bag.Name, persisted.Name);
    }

    [Fact]
    public void ToDelayed_FromDelayed_RoundTrip_AndShareWork()
    {
        var bag = Bag.FromSequence(Enumerable.Range(0, 30), partitions: 3).Select(x => x + 1);
        var parts = bag.ToDelayed();
        Assert.Equal(3, parts.Length);
        Assert.Equal(Enumerable.Range(11, 10), parts[1].Compute(Options));
        var back = Bag.FromDelayed(parts);
        Assert.Equal(Enumerable.Range(1, 30), back.Compute(Options));
        var made = Bag.FromDelayed(new[] { Delayed.Call((int n) => (IEnumerable<int>)Enumerable.Range(0, n), 4), Delayed.Value<IEnumerable<int>>([9]) });
        Assert.Equal([0, 1, 2, 3, 9], made.Compute(Options));
        var total = Delayed.Call((long a, long b) => a + b, bag.Count().ToDelayed(), back.Count().ToDelayed());
        Assert.Equal(60L, total.Compute(Options));
    }

    [Fact]
    public async Task ToAsyncEnumerable_YieldsEveryElement()
    {
        var bag = Bag.FromSequence(Enumerable.Range(0, 1000), partitions: 8).Where(x => x % 3 == 0);
        var seen = new List<int>();
        await foreach (var x in bag.ToAsyncEnumerable(Options))
        {
            seen.Add(x);
        }
        seen.Sort();
        Assert.Equal(Enumerable.Range(0, 1000).Where(x => x % 3 == 0), seen);
        var failing = Bag.FromSequence(Enumerable.Range(0, 10), partitions: 2).Select(x => 10 / (x - 7));
        await Assert.ThrowsAsync<TaskFailedException>(async () =>
        {
            await foreach (var _ in failing.ToAsyncEnumerable(Options))
            {
            }
        });
    }

    [Fact]
    public void Cancellation_StopsTheRun()
    {
        using var cancel = new CancellationTokenSource();
        var bag = Bag.FromSequence(Enumerable.Range(0, 1000), partitions: 10).Select(x =>
        {
            if (x == 150)
            {
                cancel.Cancel();
            }
            return x;
        });
        Assert.ThrowsAny<OperationCanceledException>(() => bag.Count().Compute(Options with { CancellationToken = cancel.Token }));
    }

    [Fact]
    public void ToDot_And_Observers_SeeTheBagTasks()
    {
        var bag = Bag.FromSequence(Enumerable.Range(0, 10), partitions: 2).Select(x => x + 1).Where(x => x > 3);
        var dot = bag.ToDot();
        Assert.StartsWith("digraph", dot.TrimStart());
        Assert.Contains("from-sequence-select-where", dot); // the fused task's kind labels it
        var profile = new Tessera.Diagnostics.TaskStreamRecorder();
        bag.Compute(Options with { Observers = [profile] });
        // Select and Where fused: one task per partition, named by the bag.
        Assert.Equal(2, bag.ToGraph().Tasks.Count(t => !t.IsConstant));
        Assert.Equal(2, profile.Events.Count(e => e.Key.StartsWith(bag.Name, StringComparison.Ordinal)));
    }
}

public sealed class ResultTestsThreaded() : ResultTests(SchedulerKind.Threaded);

public sealed class ResultTestsSynchronous() : ResultTests(SchedulerKind.Synchronous);
