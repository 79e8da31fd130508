using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Scheduling;

internal sealed partial class ClusterScheduler
{
    /// <summary>Applies a batch of outcomes a worker reported.</summary>
    public void Completed(string workerKey, TaskOutcome[] outcomes)
    {
        lock (_gate)
        {
            var worker = _workers.FirstOrDefault(w => w.Key == workerKey);
            if (worker is null)
            {
                return; // a worker already declared lost: its late reports are ignored
            }
            var reset = new List<TaskRecord>();
            var lost = new List<TaskRecord>();
            foreach (var outcome in outcomes)
            {
                if (!_tasks.TryGetValue(outcome.Key, out var record) || record.Status != RecordStatus.Processing || record.Worker != worker)
                {
                    continue;
                }
                worker.Running.Remove(record);
                switch (outcome.Kind)
                {
                    case OutcomeKind.Finished:
                        Finish(record, worker, outcome.Value);
                        break;
                    case OutcomeKind.Failed:
                        Fail(record, new TaskFailedException(record.Name,
                            new RemoteTaskException(outcome.ErrorType ?? "?", outcome.ErrorMessage ?? "", outcome.ErrorStack ?? "", worker.Info.Name)));
                        break;
                    case OutcomeKind.InputMissing:
                        reset.Add(record);
                        if (outcome.MissingKey is { } key && _tasks.TryGetValue(key, out var input) && input.Status == RecordStatus.Memory)
                        {
                            lost.Add(input);
                        }
                        break;
                }
            }
            if (reset.Count > 0)
            {
                Recompute(lost, reset);
            }
        }
        Signal();
    }

    /// <summary>Declares a worker lost: recomputes what it held and reruns what it ran.</summary>
    public void WorkerLost(string workerKey, string reason)
    {
        List<WorkerLink> others;
        lock (_gate)
        {
            var worker = _workers.FirstOrDefault(w => w.Key == workerKey);
            if (worker is null)
            {
                return;
            }
            worker.Alive = false;
            _lostWorkers.Add(workerKey);
            _workers.Remove(worker);
            var reset = new List<TaskRecord>();
            var unsent = worker.Outbox.ToHashSet();
            foreach (var record in worker.Running)
            {
                if (!unsent.Contains(record) && ++record.Deaths >= AllowedWorkerDeaths)
                {
                    Fail(record, new TaskFailedException(record.Name, new WorkerLostException(worker.Info.Name,
                        $"{reason}; task '{record.Name}' was running on {record.Deaths} workers that died, so it is " +
                        "taken to be what kills them (it is not retried again)")));
                    continue;
                }
                reset.Add(record);
            }
            worker.Running.Clear();
            worker.Outbox.Clear();
            var lost = worker.Holding.ToList();
            worker.Holding.Clear();
            Recompute(lost, reset);
            others = [.. _workers];
        }
        foreach (var other in others)
        {
            _ = other.Grain.PeerLost(workerKey); // best effort: a worker that misses it waits for Orleans' verdict
        }
        Signal();
    }

    private void Finish(TaskRecord record, WorkerLink worker, byte[]? value)
    {
        record.Status = RecordStatus.Memory;
        record.Value = value;
        worker.Holding.Add(record);
        record.Done.TrySetResult();
        foreach (var dependent in record.Dependents)
        {
            if (dependent.Status == RecordStatus.Waiting && --dependent.MissingInputs == 0)
            {
                Place(dependent);
            }
        }
        AfterFinished(record);
    }

    /// <summary>
    /// Results in <paramref name="lost"/> are gone and tasks in <paramref name="reset"/> must run
    /// again: both go back to waiting, and every waiting task among them whose inputs are all in
    /// memory is placed again. A lost input is itself recomputed first (its lineage is its record).
    /// </summary>
    private void Recompute(List<TaskRecord> lost, List<TaskRecord> reset)
    {
        foreach (var record in lost)
        {
            record.Worker?.Holding.Remove(record);
            record.Status = RecordStatus.Waiting;
            record.Worker = null;
        }
        foreach (var record in reset)
        {
            if (record.Status != RecordStatus.Erred)
            {
                record.Status = RecordStatus.Waiting;
                record.Worker = null;
            }
        }
        var affected = new HashSet<TaskRecord>(lost.Concat(reset).Where(r => r.Status == RecordStatus.Waiting));
        foreach (var record in lost)
        {
            foreach (var dependent in record.Dependents)
            {
                if (dependent.Status == RecordStatus.Waiting)
                {
                    affected.Add(dependent);
                }
            }
        }
        // Inputs whose results were released are lineage only: what runs again needs them recomputed.
        foreach (var record in affected.ToList())
        {
            affected.UnionWith(Revive(record));
        }
        foreach (var record in affected)
        {
            record.MissingInputs = record.Inputs.Count(i => i.Status != RecordStatus.Memory);
        }
        foreach (var record in affected)
        {
            if (record.Status == RecordStatus.Waiting && record.MissingInputs == 0)
            {
                Place(record);
            }
        }
    }
}
