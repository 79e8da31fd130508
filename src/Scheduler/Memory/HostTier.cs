using System.Diagnostics;

namespace Tessera.Scheduling;

/// <summary>
/// The host tier of one run (host ↔ disk): the budget (<see cref="HostMemoryBudget"/>, where the
/// policy is), the spill folder (<see cref="SpillStore"/>) and the prefetches. The ready queue asks
/// it, under its lock, whether a worker must spill and whether a root fits; the worker then writes
/// the chosen results outside the lock (<see cref="Spill"/>) and only afterwards swaps their slots
/// for handles, so a reader always sees either the object or a valid handle. Restores put a result
/// back in its slot once, whichever of its readers comes first. Disposing waits for prefetches and
/// removes the spill folder, however the run ended.
/// </summary>
internal sealed class HostTier : IHostTier
{
    private readonly CompiledGraph _graph;
    private readonly ReadyQueue _queue;
    private readonly ExecutionState _state;
    private readonly ObserverSet _observers;
    private readonly HostMemoryBudget _budget;
    private readonly SpillStore _store;
    private readonly Prefetcher _prefetcher;
    private readonly CancellationToken _cancellation;
    private readonly List<SpillVictim>[] _victims;

    public HostTier(CompiledGraph graph, ReadyQueue queue, ObserverSet observers, MemorySettings settings, int workers,
        CancellationToken cancellation)
    {
        _graph = graph;
        _queue = queue;
        _state = queue.State;
        _observers = observers;
        _cancellation = cancellation;
        _budget = new HostMemoryBudget(graph.Count, workers, settings.Limit);
        _store = new SpillStore(settings.Directory, settings.Files);
        _prefetcher = new Prefetcher(_store);
        _victims = new List<SpillVictim>[workers];
        for (var w = 0; w < workers; w++)
        {
            _victims[w] = [];
        }
    }

    public bool ChooseSpill(int worker) => _budget.MustSpill && _budget.ChooseVictims(_budget.Limit, _state.Results, _victims[worker]);

    /// <summary>
    /// When the root does not fit and nothing else runs or spills, room is made by choosing victims;
    /// when nothing can be spilled it runs anyway, alone (never deadlock).
    /// </summary>
    public RootAdmission AdmitRoot(int task, int worker)
    {
        var s = _state;
        var budget = _budget;
        var kind = _graph.Kinds[task];
        if (budget.AdmitRoot(kind, worker, force: false))
        {
            return RootAdmission.Start;
        }
        budget.RootsWaiting = true;
        if (s.Running > 0 || s.SpillingWorkers > 0)
        {
            return RootAdmission.Wait; // they will free memory or finish; the queue wakes this worker
        }
        var target = budget.Limit - budget.RootEstimate(kind) - budget.RunningRootBytes;
        if (budget.ChooseVictims(target, s.Results, _victims[worker]))
        {
            return RootAdmission.SpillFirst;
        }
        return budget.AdmitRoot(kind, worker, force: true) ? RootAdmission.Start : RootAdmission.Wait;
    }

    public void Started(int task)
    {
        var budget = _budget;
        if (!budget.HasSpillableResults)
        {
            return;
        }
        foreach (var dep in _graph.Dependencies(task))
        {
            budget.Used(dep);
        }
        var s = _state;
        if (budget.OnDisk == 0 || s.ReadyCount == 0)
        {
            return;
        }
        foreach (var dep in _graph.Dependencies(s.ReadyStack[s.ReadyCount - 1]))
        {
            if (s.Results[dep] is SpilledResult spilled)
            {
                _prefetcher.Queue(spilled);
            }
        }
    }

    public void Stored(int task, long bytes, bool spillable) => _budget.Stored(task, bytes, spillable);

    public void Released(int task, object? slot)
    {
        if (_budget.Released(task, slot) is { } spilled)
        {
            _store.Delete(spilled);
        }
    }

    public void RootFinished(int worker, long bytes) => _budget.RootFinished(worker, bytes);

    public (long Held, long OnDisk) Levels => (_budget.Held, _budget.OnDisk);

    public bool TakeRootsWaiting()
    {
        if (!_budget.RootsWaiting)
        {
            return false;
        }
        _budget.RootsWaiting = false;
        return true;
    }

    public void Spill(int worker)
    {
        var victims = _victims[worker];
        var written = new SpilledResult?[victims.Count];
        Exception? failure = null;
        for (var i = 0; i < victims.Count && failure is null; i++)
        {
            var victim = victims[i];
            try
            {
                written[i] = _store.Write(_graph.Keys[victim.Task], victim.Value, victim.Bytes, _cancellation);
            }
            catch (Exception e)
            {
                failure = e; // a codec's SpillTo is user code too
            }
        }

        var s = _state;
        var budget = _budget;
        List<SpilledResult>? obsolete = null;
        List<SpilledResult>? moved = null;
        lock (_queue.Gate)
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
                _queue.Fault(failure);
            }
            if (TakeRootsWaiting() | s.Stopped)
            {
                Monitor.PulseAll(_queue.Gate);
            }
            victims.Clear();
        }

        // Before the worker waits for its next task, which can take as long as the longest running
        // task: observers hear of the spill while it is news (and never after the run has finished),
        // and files of results released meanwhile go now.
        foreach (var handle in obsolete ?? [])
        {
            _store.Delete(handle);
        }
        if (moved is not null && _observers.Any)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var handle in moved)
            {
                _observers.Spilled(new SpillEvent(handle.Key, MemoryTier.Host, MemoryTier.Disk, handle.Bytes, now));
            }
        }
    }

    public bool TryRestore(int source, SpilledResult spilled, out object? value)
    {
        ISpillable restored;
        try
        {
            restored = spilled.Restore(_store);
        }
        catch (Exception e)
        {
            _queue.Abandon(e);
            value = null;
            return false;
        }

        bool reinstated;
        lock (_queue.Gate)
        {
            // Another consumer of the same result may have put it back already.
            reinstated = ReferenceEquals(_state.Results[source], spilled);
            if (reinstated)
            {
                _state.Results[source] = restored;
                _budget.Restored(source, spilled.Bytes);
            }
        }
        if (reinstated)
        {
            _store.Delete(spilled);
            _observers.Restored(new SpillEvent(spilled.Key, MemoryTier.Disk, MemoryTier.Host, spilled.Bytes, Stopwatch.GetTimestamp()));
        }
        value = restored;
        return true;
    }

    public object?[]? CollectOutputs()
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
                    value = spilled.Restore(_store);
                }
                catch (Exception e)
                {
                    _queue.Fault(e); // no task is at fault: rethrown as it is
                    return null;
                }
                s.Results[_graph.Outputs[o]] = value; // a repeated output is read back once
                _budget.Restored(_graph.Outputs[o], spilled.Bytes);
                _observers.Restored(new SpillEvent(spilled.Key, MemoryTier.Disk, MemoryTier.Host, spilled.Bytes, Stopwatch.GetTimestamp()));
            }
            outputs[o] = value;
        }
        return outputs;
    }

    public MemorySummary Summary(DeviceLedger? devices) => _budget.Summary(devices);

    public void Dispose()
    {
        _prefetcher.WaitIdle(); // no read of a spill file outlives the run
        _store.Dispose(); // the run's spill folder goes, however the run ended
    }
}
