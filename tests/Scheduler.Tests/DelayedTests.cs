namespace Tessera.Scheduler.Tests;

public class DelayedTests
{
    private static int Inc(int x) => x + 1;

    private static int Add(int x, int y) => x + y;

    [Fact]
    public void Call_IncAndAdd_ComputesLikeTheDaskTutorial()
    {
        var total = Delayed.Call(Add, Delayed.Call(Inc, 1), Delayed.Call(Inc, 2));
        Assert.Equal(5, total.Compute());
    }

    [Fact]
    public void Call_MixesValuesAndDelayedArguments()
    {
        var x = Delayed.Call(Inc, 1);
        Assert.Equal(7, Delayed.Call(Add, x, 5).Compute());
        Assert.Equal(7, Delayed.Call(Add, 5, x).Compute());
        Assert.Equal(27, Delayed.Call((int a, int b, int c, int d, int e, int f, int g, int h) => a + b + c + d + e + f + g + h,
            1, x, 3, 4, x, 6, 7, 2).Compute());
    }

    [Fact]
    public void Call_ZeroArguments_Works()
    {
        Assert.Equal("hi", Delayed.Call(() => "hi").Compute());
    }

    [Fact]
    public void Keys_SameCallsGiveSameKeys()
    {
        Assert.Equal(Delayed.Call(Add, Delayed.Call(Inc, 1), 2).Key, Delayed.Call(Add, Delayed.Call(Inc, 1), 2).Key);
        Assert.NotEqual(Delayed.Call(Inc, 1).Key, Delayed.Call(Inc, 2).Key);
        Assert.StartsWith("Inc-", Delayed.Call(Inc, 1).Key);
        Assert.Equal(Delayed.Value(new[] { 1, 2 }).Key, Delayed.Value(new[] { 1, 2 }).Key);
    }

    [Fact]
    public void Keys_ClosuresCapturingDifferentValues_GetDifferentKeys()
    {
        var keys = Enumerable.Range(0, 3).Select(i => Delayed.Call((int x) => x + i, 1).Key).ToArray();
        Assert.Equal(3, keys.Distinct().Count());
        Assert.Equal([1, 2, 3], keys.Select((_, i) => Delayed.Call((int x) => x + i, 1).Compute()));
    }

    [Fact]
    public void Compute_SeveralResults_ShareCommonWorkOnce()
    {
        var calls = 0;
        int Expensive(int x)
        {
            Interlocked.Increment(ref calls);
            return x * 10;
        }
        var shared = Delayed.Call(Expensive, 4);
        var (a, b) = Delayed.Compute(Delayed.Call(Add, shared, 1), Delayed.Call(Add, shared, 2));
        Assert.Equal((41, 42), (a, b));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Compute_ManyOfOneType_KeepsOrder()
    {
        var items = Enumerable.Range(0, 100).Select(i => Delayed.Call(Inc, i));
        Assert.Equal(Enumerable.Range(1, 100), Delayed.Compute(items));
    }

    [Fact]
    public void Persist_DoesNotRecompute()
    {
        var calls = 0;
        var x = Delayed.Call((int v) => { Interlocked.Increment(ref calls); return v * 2; }, 21).Persist();
        Assert.Equal(43, x.Then(Inc).Compute());
        Assert.Equal(44, Delayed.Call(Add, x, 2).Compute());
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Then_ChainsACall()
    {
        Assert.Equal("6", Delayed.Value(5).Then(Inc).Then(v => v.ToString()).Compute());
    }

    [Fact]
    public void Named_UsesTheGivenKey()
    {
        var total = Delayed.Call(Add, 1, 2).Named("total");
        Assert.Equal("total", total.Key);
        Assert.Contains(total.ToGraph().Tasks, t => t.Key == "total");
        Assert.Equal(3, total.Compute());
    }

    [Fact]
    public void Compute_TaskThrows_GivesTaskFailedExceptionNamingTheCall()
    {
        var bad = Delayed.Call((int x) => x / (x - x), 3);
        var error = Assert.Throws<TaskFailedException>(() => bad.Compute());
        Assert.Equal(bad.Key, error.TaskKey);
        Assert.IsType<DivideByZeroException>(error.InnerException);
    }

    [Fact]
    public void Compute_WrongArgumentType_SaysWhatWasGivenAndExpected()
    {
        var asObject = Delayed.Call(() => (object)"text");
        var bad = Delayed.Call((object o) => o, asObject).Then(o => (int)o);
        var error = Assert.Throws<TaskFailedException>(() => bad.Compute());
        Assert.IsType<InvalidCastException>(error.InnerException);
    }

    [Fact]
    public async Task ComputeAsync_ReturnsTheResult()
    {
        Assert.Equal(5, await Delayed.Call(Add, 2, 3).ComputeAsync());
    }

    [Fact]
    public void Compute_Synchronous_SameResult()
    {
        var items = Enumerable.Range(0, 50).Select(i => Delayed.Call(Inc, i)).ToList();
        var total = items.Skip(1).Aggregate(items[0], (acc, d) => Delayed.Call(Add, acc, d));
        Assert.Equal(Enumerable.Range(1, 50).Sum(), total.Compute(new ComputeOptions { Scheduler = SchedulerKind.Synchronous }));
    }

    [Fact]
    public void ToDot_HasANodePerTaskAndAnEdgePerDependency()
    {
        var total = Delayed.Call(Add, Delayed.Call(Inc, 1), Delayed.Call(Inc, 2));
        var dot = total.ToDot();
        Assert.StartsWith("digraph", dot);
        Assert.Equal(3, dot.Split('\n').Count(l => l.Contains("[label=")));
        Assert.Equal(2, dot.Split('\n').Count(l => l.Contains("->")));
        Assert.Contains("label=\"Inc\"", dot);
    }

    [Fact]
    public void Visualize_WritesAFileAndSaysWhatItDid()
    {
        var directory = Directory.CreateTempSubdirectory("tessera-dot-");
        try
        {
            var total = Delayed.Call(Add, Delayed.Call(Inc, 1), 2);
            var result = total.Visualize(Path.Combine(directory.FullName, "graph.svg"));
            Assert.True(File.Exists(result.Path), result.Message);
            var text = File.ReadAllText(result.Path);
            Assert.Contains(result.Rendered ? "<svg" : "digraph", text);
            Assert.Contains(result.Path, result.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Visualize_UnknownExtension_IsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => Delayed.Value(1).Visualize("graph.xyz"));
        Assert.Contains(".svg", error.Message);
    }
}
