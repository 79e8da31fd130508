using System.Diagnostics;

namespace Tessera.Diagnostics;

/// <summary>Everything recorded about one run: its description, one log per worker, spills, and how it ended.</summary>
internal sealed class RunLog
{
    public RunLog(int id, ComputeRun run)
    {
        Id = id;
        Run = run;
        Workers = new WorkerLog[run.Workers];
        for (var w = 0; w < Workers.Length; w++)
        {
            Workers[w] = new WorkerLog();
        }
    }

    /// <summary>Runs are numbered from 1 in the order they started.</summary>
    public int Id { get; }

    public ComputeRun Run { get; }

    public WorkerLog[] Workers { get; }

    public SpillCounters Spills { get; } = new();

    /// <summary>Set when the run ends: its end time, its error, and what it did with memory.</summary>
    public long EndTimestamp { get; private set; }

    public bool Finished => Volatile.Read(ref _finished);

    public string? Error { get; private set; }

    public MemorySummary? Memory { get; set; }

    private bool _finished;

    public void Finish(Exception? error)
    {
        EndTimestamp = Stopwatch.GetTimestamp();
        Error = error is null ? null : $"{error.GetType().Name}: {error.Message}";
        Volatile.Write(ref _finished, true);
    }

    /// <summary>What names tasks the scheduler gave no index for (none of Tessera's own runs).</summary>
    public const string Unknown = "(unknown)";

    /// <summary>The key of task <paramref name="task"/>, from the run's graph.</summary>
    public string KeyOf(int task) => Run.Graph is { } g && (uint)task < (uint)g.Count ? g.Keys[task] : Unknown;

    /// <summary>The kind of task <paramref name="task"/>, from the run's graph.</summary>
    public string KindOf(int task) => Run.Graph is { } g && (uint)task < (uint)g.Count ? g.Kinds[task] : Unknown;

    /// <summary>Seconds from the run's start to <paramref name="timestamp"/>.</summary>
    public double Seconds(long timestamp) => Stopwatch.GetElapsedTime(Run.StartTimestamp, timestamp).TotalSeconds;
}
