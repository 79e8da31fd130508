using Tessera.Diagnostics;
using Tessera.Scheduling;

namespace Tessera.Diagnostics.Tests;

public sealed class RecorderTests
{
    [Fact]
    public void Aggregate_AfterRun_CountsEveryTaskByKindAndWorker()
    {
        var recorder = new RunRecorder();
        var (graph, top) = SampleGraphs.Tree(100);
        var result = (long)GraphRunner.Run(graph, [top], SampleGraphs.With(recorder))[0]!;
        Assert.Equal(SampleGraphs.Sum(100), result);

        var run = Assert.Single(recorder.Runs);
        Assert.True(run.Finished);
        Assert.Null(run.Error);
        var aggregate = new RunAggregate(run);
        aggregate.Update();
        Assert.Equal(199, aggregate.Done);
        Assert.Equal(0, aggregate.Failed);
        var work = aggregate.Kinds.Single(k => k.Kind == "work");
        var add = aggregate.Kinds.Single(k => k.Kind == "add");
        Assert.Equal((100, 100), (work.Total, work.Done));
        Assert.Equal((99, 99), (add.Total, add.Done));
        Assert.Equal(199, aggregate.Workers.Sum(w => w.Done));
        Assert.NotNull(aggregate.States);
        Assert.All(aggregate.States!, s => Assert.Equal(TaskState.Done, s));
    }

    [Fact]
    public void Aggregate_UpdatedTwice_CountsEachRecordOnce()
    {
        var recorder = new RunRecorder();
        var (graph, top) = SampleGraphs.Tree(50);
        GraphRunner.Run(graph, [top], SampleGraphs.With(recorder));
        var aggregate = new RunAggregate(recorder.Runs[0]);
        aggregate.Update();
        aggregate.Update();
        Assert.Equal(99, aggregate.Done);
        Assert.Equal(99, aggregate.Kinds.Sum(k => k.Done));
    }

    [Fact]
    public void TaskIndex_NamesTheTaskInTheRunGraph()
    {
        var recorder = new RunRecorder();
        var witness = new KeyWitness();
        var (graph, top) = SampleGraphs.Tree(20);
        GraphRunner.Run(graph, [top], new ComputeOptions { MaxDegreeOfParallelism = 2, Observers = [recorder, witness] });
        var run = recorder.Runs[0];
        var keysGraph = run.Run.Graph!;
        Assert.Equal(39, witness.Keys.Count);
        Assert.All(witness.Keys, pair => Assert.Equal(pair.Key, keysGraph.Keys[pair.Value]));
        var records = run.Workers.SelectMany(w => Enumerable.Range(0, w.Count).Select(i => w[i])).ToList();
        Assert.Equal(39, records.Count);
        Assert.Equal(keysGraph.Keys.Order(), records.Select(r => run.KeyOf(r.TaskIndex)).Order());
        // Every add depends on two tasks, which finished before it.
        var ends = records.ToDictionary(r => r.TaskIndex, r => r.End);
        foreach (var r in records.Where(r => run.KindOf(r.TaskIndex) == "add"))
        {
            var deps = keysGraph.Dependencies(r.TaskIndex).ToArray();
            Assert.Equal(2, deps.Length);
            Assert.All(deps, d => Assert.True(ends[d] <= r.Start));
        }
    }

    private sealed class KeyWitness : IComputeObserver
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, int> Keys { get; } = new();

        public void OnTaskFinished(in TaskEvent task) => Keys[task.Key] = task.TaskIndex;
    }

    [Fact]
    public void Aggregate_FailedRun_CountsTheFailureAndKeepsTheError()
    {
        var recorder = new RunRecorder();
        var graph = new TaskGraph()
            .Add("ok-1", "fine", static _ => 1)
            .Add("ok-2", "fine", static _ => 2)
            // Two inputs, so the optimiser does not fuse it into a chain with its input.
            .Add("bad", "broken", static _ => throw new InvalidOperationException("boom"), TaskArg.Ref("ok-1"), TaskArg.Ref("ok-2"));
        Assert.Throws<TaskFailedException>(() => GraphRunner.Run(graph, ["bad"], SampleGraphs.With(recorder)));
        var run = recorder.Runs[0];
        Assert.Contains("boom", run.Error);
        var aggregate = new RunAggregate(run);
        aggregate.Update();
        Assert.Equal(1, aggregate.Failed);
        Assert.Equal(1, aggregate.Kinds.Single(k => k.Kind == "broken").Failed);
        Assert.Equal(TaskState.Failed, aggregate.States![Array.IndexOf([.. run.Run.Graph!.Keys], "bad")]);
    }

    [Fact]
    public void Aggregate_GraphOverTheDrawingLimit_KeepsNoStates()
    {
        var recorder = new RunRecorder();
        var (graph, top) = SampleGraphs.Tree(RunAggregate.MaxDrawnTasks);
        GraphRunner.Run(graph, [top], SampleGraphs.With(recorder));
        var aggregate = new RunAggregate(recorder.Runs[0]);
        aggregate.Update();
        Assert.Null(aggregate.States);
        Assert.Equal(2 * RunAggregate.MaxDrawnTasks - 1, aggregate.Done);
    }

    [Fact]
    public void Slowest_AreTheLongestTasksLongestFirst()
    {
        var recorder = new RunRecorder();
        var graph = new TaskGraph();
        for (var i = 0; i < 12; i++)
        {
            var ms = i == 7 ? 60 : 1;
            graph.Add($"t-{i}", "sleep", _ => { Thread.Sleep(ms); return 0; });
        }
        GraphRunner.Run(graph, [.. graph.Tasks.Select(t => t.Key)], SampleGraphs.With(recorder));
        var aggregate = new RunAggregate(recorder.Runs[0]);
        aggregate.Update();
        Assert.Equal(10, aggregate.Slowest.Count);
        Assert.Equal("t-7", recorder.Runs[0].KeyOf(aggregate.Slowest[0].TaskIndex));
        Assert.True(aggregate.Slowest.Zip(aggregate.Slowest.Skip(1)).All(p => p.First.End - p.First.Start >= p.Second.End - p.Second.Start));
    }

    [Fact]
    public void GraphLayout_PutsEachTaskRightOfItsInputs()
    {
        var recorder = new RunRecorder();
        var (graph, top) = SampleGraphs.Tree(16);
        GraphRunner.Run(graph, [top], SampleGraphs.With(recorder));
        var runGraph = recorder.Runs[0].Run.Graph!;
        var (column, row) = GraphLayout.Place(runGraph);
        for (var t = 0; t < runGraph.Count; t++)
        {
            foreach (var d in runGraph.Dependencies(t))
            {
                Assert.True(column[d] < column[t]);
            }
        }
        Assert.Equal(4, column.Max()); // 16 leaves, 4 levels of adds
        Assert.Equal(16, column.Count(c => c == 0));
        Assert.Equal(runGraph.Count, column.Zip(row).Distinct().Count());
    }
}
