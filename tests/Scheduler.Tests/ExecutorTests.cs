using Tessera.Scheduling;
using static Tessera.Scheduler.Tests.GraphBuilding;

namespace Tessera.Scheduler.Tests;

/// <summary>One body of executor tests, run on each executor by the derived classes.</summary>
public abstract class ExecutorTests
{
    protected abstract ComputeOptions Options { get; }

    [Fact]
    public void Run_Tree_GivesTheSameResultAsTheSynchronousExecutor()
    {
        var (graph, top, _) = RootsIntoTree(1000, 3);
        var expected = GraphRunner.Run(graph, [top], new ComputeOptions { Scheduler = SchedulerKind.Synchronous });
        Assert.Equal(expected, GraphRunner.Run(graph, [top], Options));
    }

    [Fact]
    public void Run_SeveralOutputs_ReturnsThemInRequestOrder()
    {
        var graph = new TaskGraph().Add(Sum1("a")).Add(Sum1("b", "a")).Add(Sum1("c", "a", "b"));
        Assert.Equal([4, 1, 2, 4], GraphRunner.Run(graph, ["c", "a", "b", "c"], Options));
    }

    [Fact]
    public void Run_EmptyGraph_ReturnsNothing()
    {
        Assert.Empty(GraphRunner.Run(new TaskGraph(), [], Options));
    }

    /// <summary>Records how many tasks had started when the executor reported the failure.</summary>
    private sealed class FailureWitness(Func<int> started) : IComputeObserver
    {
        public int StartedWhenFailed { get; private set; } = -1;

        public void OnTaskFailed(in TaskEvent task, Exception error) => StartedWhenFailed = started();
    }

    [Fact]
    public void Run_TaskThrows_RethrowsWithKeyAndStopsStartingTasks()
    {
        var started = 0;
        var graph = new TaskGraph();
        for (var i = 0; i < 20_000; i++)
        {
            graph.Add($"work-{i}", "work", _ =>
            {
                if (Interlocked.Increment(ref started) == 10)
                {
                    throw new InvalidOperationException("boom");
                }
                return 0;
            });
        }
        var keys = graph.Tasks.Select(t => t.Key).ToArray();
        var witness = new FailureWitness(() => Volatile.Read(ref started));

        var error = Assert.Throws<TaskFailedException>(() => GraphRunner.Run(graph, keys, Options with { Observers = [witness] }));

        Assert.StartsWith("work-", error.TaskKey);
        Assert.Contains(error.TaskKey, error.Message);
        var inner = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal("boom", inner.Message);
        // Once the failure is known only tasks other workers had already taken may still start:
        // at most one per other worker. (Before that, while the exception unwinds, others run on.)
        Assert.InRange(witness.StartedWhenFailed, 10, 20_000);
        Assert.InRange(Volatile.Read(ref started), witness.StartedWhenFailed, witness.StartedWhenFailed + Options.EffectiveParallelism - 1);
        Assert.True(Volatile.Read(ref started) < 20_000, "the run went on to the end after a failure");
    }

    [Fact]
    public void Run_Cancelled_StopsPromptlyWithOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var started = 0;
        var graph = new TaskGraph();
        for (var i = 0; i < 10_000; i++)
        {
            graph.Add($"slow-{i}", "slow", _ =>
            {
                if (Interlocked.Increment(ref started) == 5)
                {
                    cancellation.Cancel();
                }
                Thread.Sleep(1);
                return 0;
            });
        }
        var options = Options with { CancellationToken = cancellation.Token };

        Assert.ThrowsAny<OperationCanceledException>(
            () => GraphRunner.Run(graph, [.. graph.Tasks.Select(t => t.Key)], options));
        Assert.InRange(Volatile.Read(ref started), 5, 5 + options.EffectiveParallelism);
    }

    [Fact]
    public void Run_AlreadyCancelled_RunsNothing()
    {
        var ran = false;
        var graph = new TaskGraph().Add("a", "a", _ => ran = true);
        var options = Options with { CancellationToken = new CancellationToken(canceled: true) };
        Assert.ThrowsAny<OperationCanceledException>(() => GraphRunner.Run(graph, ["a"], options));
        Assert.False(ran);
    }

    [Fact]
    public void Run_ReleasesResultsAsSoonAsTheirLastConsumerFinished()
    {
        // A chain of 1 MB arrays, unfused (run compiled as is): each link needs only the previous one.
        var graph = new TaskGraph().Add("link-0", "link", _ => new byte[1 << 20]);
        for (var i = 1; i < 50; i++)
        {
            graph.Add($"link-{i}", "link", args => new byte[((byte[])args[0]!).Length], TaskArg.Ref($"link-{i - 1}"));
        }
        var compiled = CompiledGraph.Compile(graph, ["link-49"]);
        GraphRunner.Execute(compiled, Options, out var statistics);
        Assert.Equal(50, statistics.TasksRun);
        Assert.InRange(statistics.PeakResultsHeld, 1, 2);
    }
}

public sealed class SynchronousExecutorTests : ExecutorTests
{
    protected override ComputeOptions Options { get; } = new() { Scheduler = SchedulerKind.Synchronous };

    [Fact]
    public void Run_RunsEveryTaskOnTheCallingThread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var threads = new HashSet<int>();
        var graph = new TaskGraph();
        for (var i = 0; i < 100; i++)
        {
            graph.Add($"t-{i}", "t", _ =>
            {
                lock (threads)
                {
                    threads.Add(Environment.CurrentManagedThreadId);
                }
                return 0;
            });
        }
        GraphRunner.Run(graph, [.. graph.Tasks.Select(t => t.Key)], Options);
        Assert.Equal([caller], threads);
    }
}

public sealed class ThreadedExecutorTests : ExecutorTests
{
    protected override ComputeOptions Options { get; } = new() { Scheduler = SchedulerKind.Threaded, MaxDegreeOfParallelism = 4 };

    [Fact]
    public void Run_IndependentBlockingTasks_RunInParallel()
    {
        // Four tasks that each wait until all four have started: only parallel execution finishes.
        using var barrier = new Barrier(4);
        var graph = new TaskGraph();
        for (var i = 0; i < 4; i++)
        {
            graph.Add($"meet-{i}", "meet", _ => barrier.SignalAndWait(TimeSpan.FromSeconds(10)));
        }
        var results = GraphRunner.Run(graph, [.. graph.Tasks.Select(t => t.Key)], Options);
        Assert.All(results, r => Assert.Equal(true, r));
    }

    [Fact]
    public void MaxDegreeOfParallelism_BelowOne_IsRejectedWithAClearMessage()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeOptions { MaxDegreeOfParallelism = 0 });
        Assert.Contains("at least 1", error.Message);
    }
}
