using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Scheduling;

internal sealed partial class ClusterScheduler
{
    /// <summary>
    /// Sends queued tasks, one call per worker per round. Rounds follow the signal, so tasks added
    /// while a round is in flight go together in the next: under load, batches grow by themselves.
    /// </summary>
    public async Task FlushLoopAsync(CancellationToken stop)
    {
        var sends = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _flushSignal.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            sends.Clear();
            var batches = new List<(WorkerLink, TaskSpec[])>();
            string[] dropped;
            List<WorkerLink> everyone;
            lock (_gate)
            {
                if (_broken is not null)
                {
                    return;
                }
                dropped = TakeDropped();
                everyone = dropped.Length > 0 ? [.. _workers] : [];
                foreach (var worker in _workers)
                {
                    if (worker.Outbox.Count > 0)
                    {
                        batches.Add((worker, worker.Outbox.Select(Spec).ToArray()));
                        worker.Outbox.Clear();
                    }
                }
            }
            // Sent outside the lock: a failed send declares the worker lost, which takes the lock.
            foreach (var (worker, batch) in batches)
            {
                sends.Add(Send(worker, batch));
            }
            foreach (var worker in everyone)
            {
                sends.Add(DropAsync(worker, dropped));
            }
            await Task.WhenAll(sends).ConfigureAwait(false);
        }
    }

    private async Task Send(WorkerLink worker, TaskSpec[] batch)
    {
        try
        {
            await worker.Grain.Run(ClientId, batch).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            WorkerLost(worker.Key, $"sending it tasks failed ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>Tells a worker to drop released results (best effort: a gone worker holds nothing).</summary>
    private async Task DropAsync(WorkerLink worker, string[] keys)
    {
        try
        {
            await worker.Grain.Release(ClientId, keys).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Its loss, if it is lost, reaches the scheduler through membership.
        }
    }

    private static TaskSpec Spec(TaskRecord record) => new()
    {
        Key = record.Key,
        Payload = record.Payload,
        InputKeys = [.. record.Inputs.Select(i => i.Key)],
        InputWorkers = [.. record.Inputs.Select(i => i.Worker!.Key)],
        GraphRun = record.GraphRun,
        GraphIndex = record.GraphIndex,
    };
}
