using Tessera.Scheduling;

namespace Tessera.Scheduler.Tests.Faults;

/// <summary>An observer that throws stops the run with an error naming it, on any thread, and no task runs on after.</summary>
public class ObserverFaultTests
{
    /// <summary>Throws from OnTaskFinished for one task, whichever worker runs it.</summary>
    private sealed class ThrowsWhenFinished(string key) : IComputeObserver
    {
        public void OnTaskFinished(in TaskEvent task)
        {
            if (task.Key == key)
            {
                throw new InvalidOperationException($"observer dislikes {key}");
            }
        }
    }

    private static TaskGraph Independent(int count, Func<int, int>? body = null)
    {
        var graph = new TaskGraph();
        for (var i = 0; i < count; i++)
        {
            var n = i;
            graph.Add($"work-{i}", "work", _ => body?.Invoke(n) ?? n);
        }
        return graph;
    }

    [Theory]
    [InlineData(SchedulerKind.Synchronous)]
    [InlineData(SchedulerKind.Threaded)]
    public void Run_ObserverThrowsFromOnTaskFinished_ThrowsObserverFailedNamingIt(SchedulerKind executor)
    {
        var graph = Independent(2_000);
        var observer = new ThrowsWhenFinished("work-700");

        var error = Assert.Throws<ObserverFailedException>(() => GraphRunner.Run(graph, [.. graph.Tasks.Select(t => t.Key)],
            new ComputeOptions { Scheduler = executor, MaxDegreeOfParallelism = 4, Observers = [observer] }));

        Assert.Same(observer, error.Observer);
        Assert.Equal(nameof(IComputeObserver.OnTaskFinished), error.EventName);
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains(typeof(ThrowsWhenFinished).FullName!, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Throws from OnTaskStarted on the caller's thread only (worker 0).</summary>
    private sealed class ThrowsOnTheCallersThread : IComputeObserver
    {
        public void OnTaskStarted(in TaskEvent task)
        {
            if (task.Worker == 0)
            {
                throw new InvalidOperationException("observer fails on the caller's thread");
            }
        }
    }

    [Fact]
    public void Run_ObserverThrowsOnTheCallersThread_ReturnsOnlyAfterEveryWorkerStopped()
    {
        var running = 0;
        var graph = Independent(500, n =>
        {
            Interlocked.Increment(ref running);
            Thread.Sleep(2);
            Interlocked.Decrement(ref running);
            return n;
        });

        var error = Assert.Throws<ObserverFailedException>(() => GraphRunner.Run(graph, [.. graph.Tasks.Select(t => t.Key)],
            new ComputeOptions { MaxDegreeOfParallelism = 4, Observers = [new ThrowsOnTheCallersThread()] }));

        Assert.Equal(nameof(IComputeObserver.OnTaskStarted), error.EventName);
        Assert.Equal(0, Volatile.Read(ref running)); // no task was still running when Run threw
    }

    [Fact]
    public void Run_TaskFailsAndObserverThrowsWhenTold_TheTaskFailureWins()
    {
        var graph = new TaskGraph().Add("bad", "bad", _ => throw new FormatException("nope"));
        var observer = new ThrowingOnFailure();

        var error = Assert.Throws<TaskFailedException>(() => GraphRunner.Run(graph, ["bad"], new ComputeOptions { Observers = [observer] }));

        Assert.Equal("bad", error.TaskKey);
        Assert.IsType<FormatException>(error.InnerException);
    }

    private sealed class ThrowingOnFailure : IComputeObserver
    {
        public void OnTaskFailed(in TaskEvent task, Exception error) => throw new InvalidOperationException("observer fails too");
    }
}
