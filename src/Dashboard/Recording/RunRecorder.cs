namespace Tessera.Diagnostics;

/// <summary>
/// The observer behind the dashboard and the performance report. On the workers' threads it only
/// appends to the worker's own <see cref="WorkerLog"/> and marks what that worker runs; counting,
/// grouping by kind and drawing happen later, on the reader's thread. That split is what keeps the
/// observer within its budget (at most 5% of the scheduler's time on the 100,000-task benchmark).
/// Task events do not say which run they belong to, so they go to the run that started last:
/// runs that overlap in time (one program computing from two threads) are recorded as one, which
/// docs/dashboard.md states as a limit.
/// </summary>
internal sealed class RunRecorder : IComputeObserver
{
    private readonly Lock _gate = new();
    private readonly List<RunLog> _runs = [];
    private readonly int _keepRuns;
    private RunLog? _current;

    /// <param name="keepRuns">How many finished runs to keep (older ones are dropped with their records).</param>
    public RunRecorder(int keepRuns = int.MaxValue) => _keepRuns = keepRuns;

    /// <summary>The run that started last, or null before any.</summary>
    public RunLog? Current => Volatile.Read(ref _current);

    /// <summary>The runs kept, oldest first.</summary>
    public IReadOnlyList<RunLog> Runs
    {
        get
        {
            lock (_gate)
            {
                return [.. _runs];
            }
        }
    }

    public void OnRunStarted(ComputeRun run)
    {
        lock (_gate)
        {
            var log = new RunLog(_runs.Count == 0 ? 1 : _runs[^1].Id + 1, run);
            _runs.Add(log);
            while (_runs.Count > _keepRuns)
            {
                _runs.RemoveAt(0);
            }
            Volatile.Write(ref _current, log);
        }
    }

    public void OnTaskStarted(in TaskEvent task)
    {
        if (Worker(task.Worker) is { } log)
        {
            log.Started(task.TaskIndex, task.StartTimestamp);
        }
    }

    public void OnTaskFinished(in TaskEvent task) => Record(task, failed: false);

    public void OnTaskFailed(in TaskEvent task, Exception error) => Record(task, failed: true);

    public void OnSpilled(in SpillEvent spill) => _current?.Spills.Spilled(spill.Bytes);

    public void OnRestored(in SpillEvent restore) => _current?.Spills.Restored(restore.Bytes);

    public void OnMemorySummary(MemorySummary summary)
    {
        if (_current is { } run)
        {
            run.Memory = summary;
        }
    }

    public void OnRunFinished(ComputeRun run, Exception? error)
    {
        lock (_gate)
        {
            // The log of this run: usually the current one, but an overlapping run may have started since.
            _runs.LastOrDefault(r => ReferenceEquals(r.Run, run))?.Finish(error);
        }
    }

    private void Record(in TaskEvent task, bool failed)
    {
        if (Worker(task.Worker) is { } log)
        {
            log.Append(new TaskRecord(task.TaskIndex, task.Worker, task.StartTimestamp, task.EndTimestamp, task.ResultBytes, failed));
        }
    }

    private WorkerLog? Worker(int worker)
    {
        var workers = Volatile.Read(ref _current)?.Workers;
        return workers is not null && (uint)worker < (uint)workers.Length ? workers[worker] : null;
    }
}
