using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Tessera.Scheduling;

namespace Tessera.Scheduler.Tests;

/// <summary>
/// The clock of task events reads the processor's counter where it can (Linux x86-64 with an
/// invariant counter) and converts to Stopwatch ticks; these check that its readings are the
/// Stopwatch's, within a small tolerance, whichever way it reads.
/// </summary>
public class TaskClockTests
{
    // Generous for a loaded 2-core host, yet far below what a wrong rate would give over the sleeps below.
    private static readonly long Tolerance = Stopwatch.Frequency / 2000; // 0.5 ms

    [Fact]
    public void Now_LiesBetweenStopwatchReadingsTakenAroundIt()
    {
        var clock = TaskClock.Start();
        for (var i = 0; i < 5; i++)
        {
            Thread.Sleep(40); // a rate 1% off would be 0.4 ms off after the first sleep, 2 ms after the last
            var before = Stopwatch.GetTimestamp();
            var now = clock.Now();
            var after = Stopwatch.GetTimestamp();
            Assert.InRange(now, before - Tolerance, after + Tolerance);
        }
    }

    [Fact]
    public void Now_DoesNotRunBackwardsOnOneThread()
    {
        // Within a core the counter only rises; a thread moved between cores may see their counters
        // differ by a little (microseconds at most where the processor calls its counter invariant).
        var allowed = Stopwatch.Frequency / 100_000; // 10 µs
        var clock = TaskClock.Start();
        var previous = clock.Now();
        for (var i = 0; i < 100_000; i++)
        {
            var now = clock.Now();
            Assert.True(now >= previous - allowed, $"reading {i} went back from {previous} to {now}");
            previous = Math.Max(previous, now);
        }
    }

    [Fact]
    public void ReadsTheCounter_OnlyOnLinuxX64()
    {
        var clock = TaskClock.Start();
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            Assert.False(clock.ReadsCounter);
        }
        Assert.Equal(clock.ReadsCounter, CycleCounter.IsUsed);
    }

    [Fact]
    public void TaskEvents_MeasureTaskDurationsInStopwatchTicks()
    {
        var events = new ConcurrentBag<TaskEvent>();
        var observer = new EventCollector(events);
        var graph = new TaskGraph();
        for (var i = 0; i < 4; i++)
        {
            graph.Add($"sleep-{i}", "sleep", _ =>
            {
                Thread.Sleep(30);
                return 1;
            });
        }
        var before = Stopwatch.GetTimestamp();
        GraphRunner.Run(graph, [.. graph.Tasks.Select(t => t.Key)], new ComputeOptions { Observers = [observer], MaxDegreeOfParallelism = 2 });
        var after = Stopwatch.GetTimestamp();

        Assert.Equal(4, events.Count);
        foreach (var e in events)
        {
            Assert.InRange(e.StartTimestamp, before - Tolerance, after + Tolerance);
            Assert.InRange(e.EndTimestamp, e.StartTimestamp, after + Tolerance);
            // Sleep(30) sleeps at least 30 ms; a clock at the wrong rate would stretch or shrink it.
            Assert.InRange(e.Duration.TotalMilliseconds, 29.5, (after - before) * 1000.0 / Stopwatch.Frequency);
        }
    }

    private sealed class EventCollector(ConcurrentBag<TaskEvent> events) : IComputeObserver
    {
        public void OnTaskFinished(in TaskEvent task) => events.Add(task);
    }
}
