using System.Diagnostics;

namespace Tessera.Scheduling;

/// <summary>
/// The memory half of the core loop: root admission, spilling chosen results outside the lock,
/// restoring spilled inputs (and prefetching those of the next ready task), and collecting
/// outputs that were spilled. Policy in <see cref="HostMemoryBudget"/>.
/// </summary>
internal sealed partial class ExecutionCore
{
    private readonly MemorySettings _memorySettings;
    private HostMemoryBudget? _budget;
    private SpillStore? _store;
    private Prefetcher? _prefetcher;
    private CancellationToken _cancellation;

    /// <summary>
    /// Under the lock: whether root <paramref name="task"/> may start on <paramref name="worker"/>.
    /// When it may not and nothing else runs or spills, room is made by choosing victims
    /// (<paramref name="spill"/>), and when nothing can be spilled it runs anyway, alone.
    /// </summary>
    private bool AdmitRoot(int task, int worker, List<SpillVictim> victims, out bool spill)
    {
        var s = _state;
        var budget = _budget!;
        var kind = _graph.Kinds[task];
        spill = false;
        if (budget.AdmitRoot(kind, worker, force: false))
        {
            return true;
        }
        budget.RootsWaiting = true;
        if (s.Running > 0 || s.SpillingWorkers > 0)
        {
            return false; // they will free memory or finish; Complete wakes this worker
        }
        var target = budget.Limit - budget.RootEstimate(kind) - budget.RunningRootBytes;
        if (budget.ChooseVictims(target, s.Results, victims))
        {
            s.SpillingWorkers++;
            spill = true;
            return false;
        }
        return budget.AdmitRoot(kind, worker, force: true); // nothing left to spill: run it alone
    }

    /// <summary>Under the lock, as <paramref name="task"/> starts: its inputs become most recently used (device ones also in use, so they do not move), and the next ready task's spilled inputs are prefetched.</summary>
    private void Started(int task)
    {
        var budget = _budget!;
        var graph = _graph;
        var devices = _devices;
        foreach (var dep in graph.Dependencies(task))
        {
            budget.Used(dep);
            devices?.ReaderStarted(dep);
        }
        var s = _state;
        if (budget.OnDisk == 0 || s.ReadyCount == 0)
        {
            return;
        }
        foreach (var dep in graph.Dependencies(s.ReadyStack[s.ReadyCount - 1]))
        {
            if (s.Results[dep] is SpilledResult spilled)
            {
                _prefetcher!.Queue(spilled);
            }
        }
    }

    /// <summary>Writes <paramref name="victims"/> outside the lock, then swaps their slots for spill handles and takes the next task.</summary>
    private int SpillAndTakeNext(int worker, List<SpillVictim> victims)
    {
        var written = new SpilledResult?[victims.Count];
        Exception? failure = null;
        for (var i = 0; i < victims.Count && failure is null; i++)
        {
            var victim = victims[i];
            try
            {
                written[i] = _store!.Write(_graph.Keys[victim.Task], victim.Value, victim.Bytes, _cancellation);
            }
            catch (Exception e)
            {
                failure = e;
            }
        }

        var s = _state;
        var budget = _budget!;
        List<SpilledResult>? obsolete = null;
        List<SpilledResult>? moved = null;
        lock (s.Gate)
        {
            s.SpillingWorkers--;
            for (var i = 0; i < victims.Count; i++)
            {
                var victim = victims[i];
                var handle = written[i];
                var stillHeld = ReferenceEquals(s.Results[victim.Task], victim.Value);
                if (handle is not null && stillHeld)
                {
                    s.Results[victim.Task] = handle;
                    budget.SpillFinished(victim, moved: true);
                    (moved ??= []).Add(handle);
                }
                else
                {
                    budget.SpillFinished(victim, moved: false);
                    if (handle is not null)
                    {
                        (obsolete ??= []).Add(handle); // released while it was written
                    }
                }
            }
            if (failure is not null && !(failure is OperationCanceledException && _cancellation.IsCancellationRequested))
            {
                Fault(failure);
            }
            if (budget.RootsWaiting || s.Stopped)
            {
                budget.RootsWaiting = false;
                Monitor.PulseAll(s.Gate);
            }
            victims.Clear();
        }

        // Before waiting for the next task, which can take as long as the longest running task:
        // observers hear of the spill while it is news (and never after the run has finished),
        // and files of results released meanwhile go now.
        foreach (var handle in obsolete ?? [])
        {
            _store!.Delete(handle);
        }
        if (moved is not null && _observers.Any)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var handle in moved)
            {
                _observers.Spilled(new SpillEvent(handle.Key, MemoryTier.Host, MemoryTier.Disk, handle.Bytes, now));
            }
        }
        lock (s.Gate)
        {
            return TakeNext(worker, victims);
        }
    }

    /// <summary>
    /// Reads a spilled input of a starting task back and puts it in its slot again. On
    /// failure the run stops with the error, this task counts as no longer running, and false is returned.
    /// </summary>
    private bool TryRestore(int source, SpilledResult spilled, out object? value)
    {
        var s = _state;
        ISpillable restored;
        try
        {
            restored = spilled.Restore(_store!);
        }
        catch (Exception e)
        {
            lock (s.Gate)
            {
                s.Running--;
                Fault(e);
            }
            value = null;
            return false;
        }

        bool reinstated;
        lock (s.Gate)
        {
            // Another consumer of the same result may have put it back already.
            reinstated = ReferenceEquals(s.Results[source], spilled);
            if (reinstated)
            {
                s.Results[source] = restored;
                _budget!.Restored(source, spilled.Bytes);
            }
        }
        if (reinstated)
        {
            _store!.Delete(spilled);
            _observers.Restored(new SpillEvent(spilled.Key, MemoryTier.Disk, MemoryTier.Host, spilled.Bytes, Stopwatch.GetTimestamp()));
        }
        value = restored;
        return true;
    }

    /// <summary>After the workers are done: the requested results, read back from disk where they were spilled.</summary>
    private object?[] CollectOutputs()
    {
        var s = _state;
        var outputs = new object?[_graph.Outputs.Length];
        for (var o = 0; o < outputs.Length; o++)
        {
            var value = s.Results[_graph.Outputs[o]];
            if (value is SpilledResult spilled)
            {
                try
                {
                    value = spilled.Restore(_store!);
                }
                catch (Exception e)
                {
                    Fault(e); // no task is at fault: rethrown as it is
                    return outputs;
                }
                s.Results[_graph.Outputs[o]] = value; // a repeated output is read back once
                _budget!.Restored(_graph.Outputs[o], spilled.Bytes);
                _observers.Restored(new SpillEvent(spilled.Key, MemoryTier.Disk, MemoryTier.Host, spilled.Bytes, Stopwatch.GetTimestamp()));
            }
            outputs[o] = value;
        }
        return outputs;
    }
}

/// <summary>
/// How a run manages memory: the host budget, where it spills, (for tests) the file operations, and
/// each device's budget (<see cref="DeviceMemoryLimits"/>; asked only once a device result exists).
/// </summary>
internal sealed record MemorySettings(long Limit, string? Directory, SpillFileSystem? Files = null, Func<Device, long>? DeviceLimitOf = null)
{
    public static MemorySettings From(ComputeOptions options, SpillFileSystem? files = null) =>
        new(options.EffectiveMemoryLimit, options.SpillDirectory, files, DeviceMemoryLimits.From(options.DeviceMemoryLimit));
}
