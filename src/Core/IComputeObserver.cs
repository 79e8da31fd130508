namespace Tessera;

/// <summary>
/// Receives the events of a computation: its start and end, each task's start, finish
/// and failure, and results spilled to and restored from lower memory tiers. Methods are called from worker threads, possibly at the same time, so an
/// implementation must be thread-safe and quick (it runs on the scheduler's hot path).
/// </summary>
public interface IComputeObserver
{
    /// <summary>A run begins with <paramref name="run"/>.<see cref="ComputeRun.TaskCount"/> tasks.</summary>
    void OnRunStarted(ComputeRun run) { }

    /// <summary>A task begins.</summary>
    void OnTaskStarted(in TaskEvent task) { }

    /// <summary>A task finished; <see cref="TaskEvent.ResultBytes"/> says how big its result is.</summary>
    void OnTaskFinished(in TaskEvent task) { }

    /// <summary>A task threw <paramref name="error"/>; the run stops.</summary>
    void OnTaskFailed(in TaskEvent task, Exception error) { }

    /// <summary>
    /// A result left memory for a lower tier (<see cref="SpillEvent.From"/> → <see cref="SpillEvent.To"/>,
    /// e.g. host → disk) because a memory budget was exceeded.
    /// </summary>
    void OnSpilled(in SpillEvent spill) { }

    /// <summary>A spilled result was read back into <see cref="SpillEvent.To"/> because a task needs it.</summary>
    void OnRestored(in SpillEvent restore) { }

    /// <summary>What the run did with memory (bytes spilled and peak bytes per tier); called before <see cref="OnRunFinished"/>.</summary>
    void OnMemorySummary(MemorySummary summary) { }

    /// <summary>The run ended, successfully or not (<paramref name="error"/> is then non-null).</summary>
    void OnRunFinished(ComputeRun run, Exception? error) { }
}

/// <summary>One computation as observers see it.</summary>
/// <param name="TaskCount">Tasks the run will execute (after optimisation).</param>
/// <param name="Workers">Worker threads of the run.</param>
/// <param name="StartTimestamp">Start, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
public sealed record ComputeRun(int TaskCount, int Workers, long StartTimestamp)
{
    /// <summary>The tasks and their dependencies, for observers that draw the graph; null when the scheduler gives none.</summary>
    public RunGraph? Graph { get; init; }

    /// <summary>Reads the run's memory per tier while it works; null when the scheduler gives none.</summary>
    public IMemoryGauge? Memory { get; init; }

    /// <summary>The options the run was given (a performance report lists them); null when unknown.</summary>
    public ComputeOptions? Options { get; init; }
}

/// <summary>One task's event. Timestamps are <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
/// <param name="Key">The task's key.</param>
/// <param name="Kind">What kind of work it does (the key's prefix, e.g. "inc"): groups tasks in profiles.</param>
/// <param name="Worker">Index of the worker thread that ran it (0 is the calling thread).</param>
/// <param name="StartTimestamp">When it started.</param>
/// <param name="EndTimestamp">When it ended; equal to the start in <see cref="IComputeObserver.OnTaskStarted"/>.</param>
/// <param name="ResultBytes">Size of its result in bytes (an estimate for objects of unknown size); 0 before it finishes.</param>
public readonly record struct TaskEvent(
    string Key, string Kind, int Worker, long StartTimestamp, long EndTimestamp, long ResultBytes)
{
    /// <summary>The task's index in <see cref="ComputeRun.Graph"/>, so observers need not look keys up; -1 when unknown.</summary>
    public int TaskIndex { get; init; } = -1;

    /// <summary>The task's duration.</summary>
    public TimeSpan Duration => System.Diagnostics.Stopwatch.GetElapsedTime(StartTimestamp, EndTimestamp);
}
