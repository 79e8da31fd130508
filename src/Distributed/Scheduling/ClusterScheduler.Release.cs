using System.Collections.Concurrent;

namespace Tessera.Distributed.Scheduling;

/// <summary>
/// Releasing futures, as dask does when a client drops one: a result nobody wants any more is
/// dropped from the workers once every task that reads it has finished. The record stays as
/// lineage (status Released) while dependents exist, so a later worker loss can still recompute
/// them; a released record that nothing depends on is forgotten, and its inputs may follow.
/// </summary>
internal sealed partial class ClusterScheduler
{
    private readonly ConcurrentQueue<TaskRecord> _abandoned = new();
    private readonly List<string> _dropped = [];

    /// <summary>How many tasks the scheduler knows (forgotten ones excluded).</summary>
    public int KnownTaskCount
    {
        get
        {
            lock (_gate)
            {
                return _tasks.Count;
            }
        }
    }

    /// <summary>Releases the records of futures the client no longer needs (thread-safe).</summary>
    public void Release(IEnumerable<TaskRecord> records)
    {
        lock (_gate)
        {
            foreach (var record in records)
            {
                record.Wanted = false;
                TryRelease(record);
            }
        }
        Signal();
    }

    /// <summary>
    /// Queues a record whose future was collected. Called from a finalizer: it takes no lock and
    /// allocates nothing but the queue node; the flush loop releases it.
    /// </summary>
    public void Abandon(TaskRecord record)
    {
        _abandoned.Enqueue(record);
        try
        {
            if (_flushSignal.CurrentCount == 0)
            {
                _flushSignal.Release();
            }
        }
        catch (Exception)
        {
            // A finalizer must never throw (it would end the process); a client already gone drops nothing.
        }
    }

    /// <summary>Keys dropped since the last call, for the flush loop to tell the workers (every worker: peers may hold copies).</summary>
    private string[] TakeDropped()
    {
        while (_abandoned.TryDequeue(out var record))
        {
            record.Wanted = false;
            TryRelease(record);
        }
        if (_dropped.Count == 0)
        {
            return [];
        }
        var keys = _dropped.ToArray();
        _dropped.Clear();
        return keys;
    }

    /// <summary>Drops a record's result if it is unwanted, finished, and no unfinished task reads it; then maybe forgets it.</summary>
    private void TryRelease(TaskRecord record)
    {
        if (record.Wanted || record.Forgotten || (record.GraphRun is not null && !record.Persisted))
        {
            return;
        }
        if (record.Status is RecordStatus.Waiting or RecordStatus.Unplaced or RecordStatus.Processing)
        {
            return; // retried when it finishes
        }
        foreach (var dependent in record.Dependents)
        {
            if (dependent.Status is RecordStatus.Waiting or RecordStatus.Unplaced or RecordStatus.Processing)
            {
                return; // retried when that dependent finishes
            }
        }
        if (record.Status == RecordStatus.Memory)
        {
            record.Worker?.Holding.Remove(record);
            record.Worker = null;
            record.Value = null;
            record.Status = RecordStatus.Released;
            _dropped.Add(record.Key);
        }
        if (record.Dependents.Count > 0)
        {
            return; // kept as lineage
        }
        record.Forgotten = true;
        _tasks.Remove(record.Key);
        foreach (var input in record.Inputs)
        {
            input.Dependents.Remove(record);
            TryRelease(input);
        }
    }

    /// <summary>After <paramref name="record"/> finished or failed: it, or inputs that waited only for it, may now be released.</summary>
    private void AfterFinished(TaskRecord record)
    {
        TryRelease(record);
        foreach (var input in record.Inputs)
        {
            if (!input.Wanted)
            {
                TryRelease(input);
            }
        }
    }

    /// <summary>
    /// Makes released inputs of <paramref name="record"/> (and theirs, transitively) waiting again,
    /// so a task that must run again finds its lineage recomputed. Returns the records revived.
    /// </summary>
    private List<TaskRecord> Revive(TaskRecord record)
    {
        var revived = new List<TaskRecord>();
        var stack = new Stack<TaskRecord>();
        stack.Push(record);
        while (stack.TryPop(out var current))
        {
            foreach (var input in current.Inputs)
            {
                if (input.Status != RecordStatus.Released)
                {
                    continue;
                }
                if (input.Forgotten)
                {
                    input.Forgotten = false;
                    _tasks[input.Key] = input;
                    foreach (var inner in input.Inputs)
                    {
                        inner.Dependents.Add(input);
                    }
                }
                input.Status = RecordStatus.Waiting;
                revived.Add(input);
                stack.Push(input);
            }
        }
        return revived;
    }
}
