using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Tessera.Diagnostics;

/// <summary>
/// Folds one run's worker logs into what the pages show: counts per kind, per worker, the most
/// recent task bars, the slowest tasks and each task's state for the graph. It runs on the
/// reader's thread (the dashboard's timer, or the report writer), picking up from where the
/// last <see cref="Update"/> stopped, so the workers never pay for it. Not thread-safe: one
/// reader at a time (callers lock). The loops over every task are compiled fully optimised at
/// once: they run a few times a second, too seldom for tiered compilation to reach them before
/// a run is over, and unoptimised they took half a microsecond per record, on the cores the
/// workers need.
/// </summary>
internal sealed class RunAggregate
{
    /// <summary>Largest graph whose tasks the Graph page draws one by one.</summary>
    public const int MaxDrawnTasks = 10_000;

    private readonly int[] _consumed;
    private readonly Dictionary<string, KindStats> _kinds = new(StringComparer.Ordinal);
    private readonly List<KindStats> _kindOrder = [];
    private readonly Queue<TaskRecord> _recent = new();
    private readonly int _recentLimit;
    private readonly List<TaskRecord> _slowest = [];
    private readonly KindStats[] _taskKind = [];

    /// <param name="log">The run.</param>
    /// <param name="recentLimit">How many of the latest task bars to keep for the task stream.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RunAggregate(RunLog log, int recentLimit = 1_000)
    {
        Log = log;
        _recentLimit = recentLimit;
        _consumed = new int[log.Workers.Length];
        Workers = new WorkerStats[log.Workers.Length];
        for (var w = 0; w < Workers.Length; w++)
        {
            Workers[w] = new WorkerStats();
        }
        if (log.Run.Graph is { } graph)
        {
            // Totals per kind come from the graph, so waiting = total - done - running - failed;
            // each task's kind is looked up once here, so folding a record never hashes a string.
            _taskKind = new KindStats[graph.Count];
            string? lastName = null;
            KindStats? last = null;
            for (var t = 0; t < graph.Count; t++)
            {
                // Neighbouring tasks mostly share one kind string: hash only when it changes.
                var name = graph.Kinds[t];
                var kind = ReferenceEquals(name, lastName) ? last! : KindOf(name);
                (lastName, last) = (name, kind);
                kind.Total++;
                _taskKind[t] = kind;
            }
            if (graph.Count <= MaxDrawnTasks)
            {
                States = new byte[graph.Count];
                States.AsSpan().Fill(TaskState.Waiting);
            }
        }
    }

    public RunLog Log { get; }

    public IReadOnlyList<KindStats> Kinds => _kindOrder;

    public WorkerStats[] Workers { get; }

    /// <summary>Per task of a graph small enough to draw: its <see cref="TaskState"/>; null otherwise.</summary>
    public byte[]? States { get; }

    /// <summary>The latest finished tasks, oldest first.</summary>
    public IEnumerable<TaskRecord> Recent => _recent;

    /// <summary>The ten longest tasks so far, longest first.</summary>
    public IReadOnlyList<TaskRecord> Slowest => _slowest;

    public int Done { get; private set; }

    public int Failed { get; private set; }

    /// <summary>When the last task seen ended (the end of the task stream).</summary>
    public long LastEnd { get; private set; }

    /// <summary>What each worker runs now (task index, its kind's figures, start), read at the last update; Task is -1 when idle.</summary>
    public (int Task, KindStats? Kind, long Start)[] Running { get; private set; } = [];

    /// <summary>The figures of task <paramref name="task"/>'s kind.</summary>
    public KindStats KindOfTask(int task) => (uint)task < (uint)_taskKind.Length ? _taskKind[task] : KindOf(RunLog.Unknown);

    /// <summary>Reads the records appended since the last call, and what runs now.</summary>
    /// <param name="onRecord">Also given each new record (the report keeps them all).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Update(Action<int, TaskRecord>? onRecord = null)
    {
        for (var w = 0; w < Log.Workers.Length; w++)
        {
            var worker = Log.Workers[w];
            var count = worker.Count;
            var firstRecent = count - _recentLimit; // older records are counted but not kept as bars
            for (var i = _consumed[w]; i < count; i++)
            {
                Add(w, worker[i], keepBar: i >= firstRecent);
                onRecord?.Invoke(w, worker[i]);
            }
            _consumed[w] = count;
        }
        foreach (var kind in _kindOrder)
        {
            kind.Running = 0;
        }
        var running = new (int, KindStats?, long)[Log.Workers.Length];
        for (var w = 0; w < running.Length; w++)
        {
            var (task, start) = Log.Workers[w].Running;
            if (task < 0 || Log.Finished)
            {
                running[w] = (-1, null, 0);
                continue;
            }
            var kind = KindOfTask(task);
            kind.Running++;
            running[w] = (task, kind, start);
            if (States is { } states && (uint)task < (uint)states.Length && states[task] == TaskState.Waiting)
            {
                states[task] = TaskState.Running;
            }
        }
        Running = running;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(int worker, in TaskRecord record, bool keepBar)
    {
        var kind = KindOfTask(record.TaskIndex);
        var ticks = record.End - record.Start;
        var stats = Workers[worker];
        if (record.Failed)
        {
            kind.Failed++;
            Failed++;
            stats.Failed++;
        }
        else
        {
            kind.Done++;
            Done++;
            stats.Done++;
        }
        kind.Ticks += ticks;
        kind.LongestTicks = Math.Max(kind.LongestTicks, ticks);
        kind.Bytes += record.Bytes;
        stats.BusyTicks += ticks;
        stats.Bytes += record.Bytes;
        LastEnd = Math.Max(LastEnd, record.End);
        if (States is { } states && (uint)record.TaskIndex < (uint)states.Length)
        {
            states[record.TaskIndex] = record.Failed ? TaskState.Failed : TaskState.Done;
        }
        if (keepBar)
        {
            _recent.Enqueue(record);
            if (_recent.Count > _recentLimit)
            {
                _recent.Dequeue();
            }
        }
        KeepIfSlow(record);
    }

    private void KeepIfSlow(in TaskRecord record)
    {
        const int keep = 10;
        var ticks = record.End - record.Start;
        if (_slowest.Count == keep && ticks <= _slowest[^1].End - _slowest[^1].Start)
        {
            return;
        }
        var at = _slowest.FindIndex(r => r.End - r.Start < ticks);
        _slowest.Insert(at < 0 ? _slowest.Count : at, record);
        if (_slowest.Count > keep)
        {
            _slowest.RemoveAt(keep);
        }
    }

    private KindStats KindOf(string kind)
    {
        if (!_kinds.TryGetValue(kind, out var stats))
        {
            stats = new KindStats(kind, _kindOrder.Count);
            _kinds.Add(kind, stats);
            _kindOrder.Add(stats);
        }
        return stats;
    }

    /// <summary>Ticks to seconds.</summary>
    public static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
