using System.Text.Json;
using Tessera.Diagnostics;
using Tessera.Scheduling;
using static Tessera.Scheduler.Tests.GraphBuilding;

namespace Tessera.Scheduler.Tests;

public class ObserverTests
{
    private sealed class CountingObserver : IComputeObserver
    {
        public int Runs, Started, Finished, Failed, RunsFinished, Tasks;
        public long Bytes;
        public Exception? RunError;

        public void OnRunStarted(ComputeRun run)
        {
            Runs++;
            Tasks = run.TaskCount;
        }

        public void OnTaskStarted(in TaskEvent task) => Interlocked.Increment(ref Started);

        public void OnTaskFinished(in TaskEvent task)
        {
            Interlocked.Increment(ref Finished);
            Interlocked.Add(ref Bytes, task.ResultBytes);
        }

        public void OnTaskFailed(in TaskEvent task, Exception error) => Interlocked.Increment(ref Failed);

        public void OnRunFinished(ComputeRun run, Exception? error)
        {
            RunsFinished++;
            RunError = error;
        }
    }

    [Fact]
    public void Observer_SeesEveryTaskWithItsResultSize()
    {
        var graph = new TaskGraph();
        for (var i = 0; i < 100; i++)
        {
            graph.Add($"buffer-{i}", "buffer", _ => new double[10]);
        }
        var observer = new CountingObserver();
        GraphRunner.Run(graph, [.. graph.Tasks.Select(t => t.Key)], new ComputeOptions { Observers = [observer] });
        Assert.Equal((1, 100, 100, 100, 0, 1), (observer.Runs, observer.Tasks, observer.Started, observer.Finished, observer.Failed, observer.RunsFinished));
        Assert.Equal(100 * 10 * sizeof(double), observer.Bytes);
        Assert.Null(observer.RunError);
    }

    [Fact]
    public void Observer_SeesTheFailureAndTheRunError()
    {
        var graph = new TaskGraph().Add("bad", "bad", _ => throw new FormatException("nope"));
        var observer = new CountingObserver();
        Assert.Throws<TaskFailedException>(() => GraphRunner.Run(graph, ["bad"], new ComputeOptions { Observers = [observer] }));
        Assert.Equal(1, observer.Failed);
        Assert.IsType<TaskFailedException>(observer.RunError);
    }

    [Fact]
    public void ProgressBar_Forced_DrawsTheFinalLineWithCounts()
    {
        var output = new StringWriter();
        var (graph, top, _) = RootsIntoTree(100, 10);
        GraphRunner.Run(graph, [top], new ComputeOptions { Observers = [new ConsoleProgressBar(output, force: true)] });
        var lastLine = output.ToString().Split('\r', '\n').Last(l => l.Length > 0);
        Assert.Contains("100%", lastLine);
        Assert.Contains($"{graph.Count}/{graph.Count}", lastLine);
        Assert.Contains("elapsed", lastLine);
    }

    [Fact]
    public void ProgressBar_NotATerminal_StaysSilent()
    {
        var output = new StringWriter();
        var (graph, top, _) = RootsIntoTree(100, 10);
        GraphRunner.Run(graph, [top], new ComputeOptions { Observers = [new ConsoleProgressBar(output)] });
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void ProgressBar_Render_ShowsPercentAndEta()
    {
        var line = ConsoleProgressBar.Render(25, 100, TimeSpan.FromSeconds(2));
        Assert.Contains(" 25%", line);
        Assert.Contains("25/100", line);
        Assert.Contains("ETA 6.0s", line);
    }

    [Fact]
    public void ProfileSummary_GroupsTimeByKind()
    {
        var profile = new ProfileSummary();
        var graph = new TaskGraph();
        for (var i = 0; i < 10; i++)
        {
            graph.Add($"sleep-{i}", "sleep", _ => { Thread.Sleep(2); return 0; });
            graph.Add($"fast-{i}", "fast", _ => 0);
        }
        GraphRunner.Run(graph, [.. graph.Tasks.Select(t => t.Key)], new ComputeOptions { Observers = [profile] });
        var kinds = profile.Kinds;
        Assert.Equal(["sleep", "fast"], kinds.Select(k => k.Kind));
        Assert.Equal(10, kinds[0].Count);
        Assert.True(kinds[0].Total >= TimeSpan.FromMilliseconds(20), $"sleep total was {kinds[0].Total}");
        Assert.Contains("sleep", profile.ToString());
    }

    [Fact]
    public void TaskStream_WritesJsonWithStartEndAndWorker()
    {
        var recorder = new TaskStreamRecorder();
        var (graph, top, _) = RootsIntoTree(50, 5);
        GraphRunner.Run(graph, [top], new ComputeOptions { Observers = [recorder] });
        using var stream = new MemoryStream();
        recorder.WriteJson(stream);
        using var json = JsonDocument.Parse(stream.ToArray());
        var entries = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(graph.Count, entries.Length);
        Assert.All(entries, e =>
        {
            Assert.True(e.GetProperty("end_us").GetDouble() >= e.GetProperty("start_us").GetDouble());
            Assert.InRange(e.GetProperty("worker").GetInt32(), 0, Environment.ProcessorCount - 1);
        });
        Assert.Contains(entries, e => e.GetProperty("key").GetString() == top);
    }
}
