using System.Collections.Concurrent;
using Tessera.Scheduler.Tests.Memory;
using Tessera.Scheduling;

namespace Tessera.Scheduler.Tests;

/// <summary>What the scheduler gives observers beyond task events: the graph, a memory gauge, the options, and process-wide observers.</summary>
public class RunHooksTests
{
    private sealed class RunWitness : IComputeObserver
    {
        public ConcurrentQueue<ComputeRun> Runs { get; } = new();
        public ConcurrentDictionary<string, int> Indexes { get; } = new();

        public void OnRunStarted(ComputeRun run) => Runs.Enqueue(run);

        public void OnTaskFinished(in TaskEvent task) => Indexes[task.Key] = task.TaskIndex;
    }

    [Fact]
    public void Run_GivesTheGraphAndEachTasksIndexInIt()
    {
        var witness = new RunWitness();
        var graph = new TaskGraph()
            .Add("a", "load", static _ => 1L)
            .Add("b", "load", static _ => 2L)
            .Add("c", "add", static x => (long)x[0]! + (long)x[1]!, TaskArg.Ref("a"), TaskArg.Ref("b"));
        var options = new ComputeOptions { MaxDegreeOfParallelism = 2, Observers = [witness] };
        Assert.Equal(3L, GraphRunner.Run(graph, ["c"], options)[0]);

        var run = Assert.Single(witness.Runs);
        Assert.Same(options, run.Options);
        var runGraph = run.Graph!;
        Assert.Equal(3, runGraph.Count);
        Assert.Equal(["a", "b", "c"], runGraph.Keys.Order());
        foreach (var (key, index) in witness.Indexes)
        {
            Assert.Equal(key, runGraph.Keys[index]);
        }
        var c = witness.Indexes["c"];
        Assert.Equal("add", runGraph.Kinds[c]);
        Assert.Equal([witness.Indexes["a"], witness.Indexes["b"]], runGraph.Dependencies(c).ToArray().Order());
        Assert.Empty(runGraph.Dependencies(witness.Indexes["a"]).ToArray());
    }

    [Fact]
    public void MemoryGauge_ReadDuringTheRun_SeesHeldResults()
    {
        var witness = new RunWitness();
        var levels = new MemoryLevels[1];
        var graph = new TaskGraph()
            .Add("big", "load", static _ => new TestBlock(new byte[100_000]))
            .Add("other", "load", static _ => new TestBlock(new byte[10]))
            .Add("reader", "read", x =>
            {
                levels[0] = witness.Runs.Single().Memory!.Read();
                return ((TestBlock)x[0]!).Data.Length;
            }, TaskArg.Ref("big"), TaskArg.Ref("other"));
        GraphRunner.Run(graph, ["reader"], new ComputeOptions { Scheduler = SchedulerKind.Synchronous, Observers = [witness] });

        Assert.Equal(100_010, levels[0].HostHeld); // both inputs held while their reader runs
        Assert.Equal(0, levels[0].OnDisk);
        Assert.Equal(0, levels[0].DeviceHeld);
    }

    [Fact]
    public void ComputeObservers_Registered_SeeRunsUntilDisposed()
    {
        var witness = new RunWitness();
        var key = $"hooks-{Guid.NewGuid():N}"; // other tests run meanwhile: only this key counts
        var graph = new TaskGraph().Add(key, "one", static _ => 1);
        using (ComputeObservers.Add(witness))
        {
            Assert.Contains(witness, ComputeObservers.Registered);
            GraphRunner.Run(graph, [key]);
        }
        Assert.DoesNotContain(witness, ComputeObservers.Registered);
        Assert.True(witness.Indexes.ContainsKey(key));

        witness.Indexes.Clear();
        GraphRunner.Run(graph, [key]);
        Assert.False(witness.Indexes.ContainsKey(key));
    }

    [Fact]
    public void ComputeObservers_AlsoInTheOptions_HearEachEventOnce()
    {
        var witness = new CountingWitness();
        var key = $"once-{Guid.NewGuid():N}";
        var graph = new TaskGraph().Add(key, "one", static _ => 1);
        using (ComputeObservers.Add(witness))
        {
            GraphRunner.Run(graph, [key], new ComputeOptions { Observers = [witness] });
        }
        Assert.Equal(1, witness.Count(key));
    }

    private sealed class CountingWitness : IComputeObserver
    {
        private readonly ConcurrentDictionary<string, int> _finished = new();

        public int Count(string key) => _finished.GetValueOrDefault(key);

        public void OnTaskFinished(in TaskEvent task) => _finished.AddOrUpdate(task.Key, 1, (_, n) => n + 1);
    }

    [Fact]
    public void RunGraph_MismatchedArrays_SayWhatIsMissing()
    {
        var error = Assert.Throws<ArgumentException>(() => new RunGraph(["a", "b"], ["k"], [0, 0, 0], []));
        Assert.Contains("needs 2 kinds and 3 dependency offsets; got 1 kinds", error.Message);
    }
}
