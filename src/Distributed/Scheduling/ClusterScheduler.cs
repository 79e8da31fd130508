using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Scheduling;

/// <summary>
/// The graph state of one client's work on the cluster, as dask's scheduler keeps it, held in the
/// client's process (Orleans gives membership, failure detection and messaging; the graph needs no
/// grain of its own while one client drives it).
///
/// Policy: a task is sent as soon as all its inputs are in memory somewhere, to the live worker
/// holding most of its inputs (data locality), ties broken by the fewest running tasks per thread.
/// Tasks sent to one worker between two flushes travel in one call; workers report outcomes in
/// batches. Lost workers: results they held and tasks they ran go back to waiting and are
/// recomputed from their lineage (payloads are kept); a task running on 3 workers that died fails
/// with <see cref="TaskFailedException"/>, as dask's KilledWorker does after its allowed failures.
/// </summary>
internal sealed partial class ClusterScheduler(Guid client)
{
    /// <summary>Workers that may die while running one task before it is blamed.</summary>
    public const int AllowedWorkerDeaths = 3;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskRecord> _tasks = new(StringComparer.Ordinal);
    private readonly List<WorkerLink> _workers = [];
    private readonly Queue<TaskRecord> _unplaced = new();
    private readonly SemaphoreSlim _flushSignal = new(0);
    private readonly HashSet<string> _lostWorkers = [];
    private Exception? _broken;

    public Guid ClientId { get; } = client;

    /// <summary>Set when the connection is gone: everything pending failed with it and nothing new is accepted.</summary>
    public Exception? Broken { get { lock (_gate) { return _broken; } } }

    public int WorkerCount { get { lock (_gate) { return _workers.Count; } } }

    public IReadOnlyList<WorkerLink> Workers { get { lock (_gate) { return [.. _workers]; } } }

    public bool Knows(string workerKey)
    {
        lock (_gate)
        {
            return _workers.Any(w => w.Key == workerKey);
        }
    }

    /// <summary>True for a worker declared lost: it never comes back (a restarted process is a new silo address).</summary>
    public bool WasLost(string workerKey)
    {
        lock (_gate)
        {
            return _lostWorkers.Contains(workerKey);
        }
    }

    /// <summary>Adds tasks (inputs first); each is sent once its inputs exist.</summary>
    public void Add(IEnumerable<TaskRecord> records)
    {
        lock (_gate)
        {
            if (_broken is not null)
            {
                throw new ClusterConnectionLostException(_broken);
            }
            foreach (var record in records)
            {
                _tasks.Add(record.Key, record);
                var erred = record.Inputs.FirstOrDefault(i => i.Status == RecordStatus.Erred);
                if (erred is not null)
                {
                    Fail(record, erred.Error!);
                    continue;
                }
                foreach (var input in record.Inputs)
                {
                    input.Dependents.Add(record);
                }
                // A released future passed as an input is recomputed from its lineage.
                var revived = Revive(record);
                foreach (var input in revived)
                {
                    input.MissingInputs = input.Inputs.Count(i => i.Status != RecordStatus.Memory);
                }
                foreach (var input in revived)
                {
                    if (input.MissingInputs == 0)
                    {
                        Place(input);
                    }
                }
                record.MissingInputs = record.Inputs.Count(i => i.Status != RecordStatus.Memory);
                if (record.MissingInputs == 0)
                {
                    Place(record);
                }
            }
        }
        Signal();
    }

    /// <summary>Forgets finished records (a graph run's intermediates); returns, per worker, the keys it may drop.</summary>
    public Dictionary<WorkerLink, List<string>> Forget(IEnumerable<TaskRecord> records)
    {
        var drops = new Dictionary<WorkerLink, List<string>>();
        lock (_gate)
        {
            foreach (var record in records)
            {
                _tasks.Remove(record.Key);
                foreach (var input in record.Inputs)
                {
                    input.Dependents.Remove(record);
                }
                if (record.Worker is { } worker && record.Status == RecordStatus.Memory)
                {
                    worker.Holding.Remove(record);
                    if (!drops.TryGetValue(worker, out var keys))
                    {
                        drops[worker] = keys = [];
                    }
                    keys.Add(record.Key);
                }
            }
        }
        return drops;
    }

    /// <summary>The worker holding a finished record's result now (it may move after a loss).</summary>
    public WorkerLink? Holder(TaskRecord record)
    {
        lock (_gate)
        {
            return record.Status == RecordStatus.Memory ? record.Worker : null;
        }
    }

    public void AddWorker(WorkerLink worker)
    {
        lock (_gate)
        {
            if (_workers.Any(w => w.Key == worker.Key))
            {
                return;
            }
            _workers.Add(worker);
            while (_unplaced.TryDequeue(out var record))
            {
                if (record.Status == RecordStatus.Unplaced)
                {
                    Place(record);
                }
            }
        }
        Signal();
    }

    /// <summary>
    /// Cancels tasks that have not finished, as dask's <c>client.cancel</c>: they and their
    /// dependents fail with <see cref="OperationCanceledException"/>; a worker already running
    /// one finishes it, and its report is ignored.
    /// </summary>
    public void Cancel(IEnumerable<TaskRecord> records)
    {
        lock (_gate)
        {
            foreach (var record in records)
            {
                if (record.Status is not (RecordStatus.Memory or RecordStatus.Erred))
                {
                    record.Worker?.Outbox.Remove(record);
                    Fail(record, new OperationCanceledException($"Task '{record.Name}' was cancelled."));
                }
            }
        }
    }

    /// <summary>Fails everything pending: the connection to the cluster is gone.</summary>
    public void Break(Exception reason)
    {
        List<TaskRecord> pending;
        lock (_gate)
        {
            if (_broken is not null)
            {
                return;
            }
            _broken = reason;
            pending = [.. _tasks.Values.Where(t => !t.Done.Task.IsCompleted)];
        }
        var error = new ClusterConnectionLostException(reason);
        foreach (var record in pending)
        {
            record.Done.TrySetException(error);
        }
        _flushSignal.Release();
    }

    private void Place(TaskRecord record)
    {
        WorkerLink? best = null;
        var bestLocal = -1;
        foreach (var worker in _workers)
        {
            var local = 0;
            foreach (var input in record.Inputs)
            {
                if (input.Worker == worker)
                {
                    local++;
                }
            }
            if (local > bestLocal || (local == bestLocal && worker.Load < best!.Load))
            {
                best = worker;
                bestLocal = local;
            }
        }
        if (best is null)
        {
            record.Status = RecordStatus.Unplaced;
            _unplaced.Enqueue(record);
            return;
        }
        record.Status = RecordStatus.Processing;
        record.Worker = best;
        best.Running.Add(record);
        best.Outbox.Add(record);
    }

    private void Fail(TaskRecord record, Exception error)
    {
        // Dask's rule: a task whose input failed fails with that input's error.
        var stack = new Stack<TaskRecord>();
        stack.Push(record);
        while (stack.TryPop(out var current))
        {
            if (current.Status == RecordStatus.Erred)
            {
                continue;
            }
            current.Worker?.Running.Remove(current);
            current.Status = RecordStatus.Erred;
            current.Error = error;
            current.Done.TrySetException(error);
            foreach (var dependent in current.Dependents)
            {
                stack.Push(dependent);
            }
        }
        AfterFinished(record);
    }

    private void Signal()
    {
        if (_flushSignal.CurrentCount == 0)
        {
            _flushSignal.Release();
        }
    }
}
