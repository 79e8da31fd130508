using System.Diagnostics;

namespace Tessera.Scheduling;

/// <summary>
/// The device tier of one run (device ↔ host): device-resident results are counted per device
/// (<see cref="DeviceLedger"/>, policy in <see cref="DeviceMemoryBudget"/>), and past a device's
/// limit a worker copies the least recently used ones to host outside the lock, swaps the copies
/// into their slots, frees the device memory and reports <c>OnSpilled(Device → Host)</c>. The host
/// copies then count against the host tier like any spillable result, and may go on to disk.
/// A task that reads a moved result gets a device copy made just for it (<c>OnRestored(Host →
/// Device)</c>), freed when it finishes, so tasks never see the difference.
/// Nothing here runs until a task returns a device result.
/// </summary>
internal sealed class DeviceTier : IDeviceTier
{
    private readonly CompiledGraph _graph;
    private readonly ReadyQueue _queue;
    private readonly ExecutionState _state;
    private readonly ObserverSet _observers;
    private readonly IHostTier _host;
    private readonly Func<Device, long> _limitOf;
    private readonly List<DeviceMove>?[] _moves;
    private DeviceLedger? _ledger;

    public DeviceTier(CompiledGraph graph, ReadyQueue queue, ObserverSet observers, IHostTier host, MemorySettings settings, int workers)
    {
        _graph = graph;
        _queue = queue;
        _state = queue.State;
        _observers = observers;
        _host = host;
        _limitOf = settings.DeviceLimitOf ?? DeviceMemoryLimits.From(configured: null);
        _moves = new List<DeviceMove>?[workers];
    }

    public bool Active => _ledger is not null;

    public DeviceLedger? Ledger => _ledger;

    public bool ChooseMoves(int worker)
    {
        if (_ledger is not { MustMove: true } ledger)
        {
            return false;
        }
        return ledger.ChooseVictims(_state.Results, _moves[worker] ??= []);
    }

    public void Started(int task)
    {
        foreach (var dep in _graph.Dependencies(task))
        {
            _ledger!.ReaderStarted(dep);
        }
    }

    public void ReaderFinished(int task) => _ledger!.ReaderFinished(task);

    public bool Release(int task, object? slot)
    {
        if (!_ledger!.Holds(task))
        {
            return false;
        }
        _ledger.Released(task, (IDeviceResident)slot!);
        return true;
    }

    /// <summary>The caller's outputs and results the run does not own never move.</summary>
    public void Store(int task, IDeviceResident result, ResultKind kind)
    {
        var ledger = _ledger ??= new DeviceLedger(_graph.Count, _limitOf);
        var movable = kind == ResultKind.Device && _state.IsOutput?[task] != true;
        ledger.Stored(task, result, movable);
    }

    /// <summary>Freeing and reporting come before the worker takes its next task, which may wait a long time: the device memory is what is short.</summary>
    public void Move(int worker)
    {
        var moves = _moves[worker]!;
        var copies = new ISpillable?[moves.Count];
        Exception? failure = null;
        for (var i = 0; i < moves.Count && failure is null; i++)
        {
            try
            {
                copies[i] = moves[i].Value.CopyToHost();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }

        var s = _state;
        List<DeviceMove>? moved = null;
        lock (_queue.Gate)
        {
            s.SpillingWorkers--;
            for (var i = 0; i < moves.Count; i++)
            {
                if (_ledger!.FinishMove(moves[i], copies[i], s.Results))
                {
                    _host.Stored(moves[i].Task, copies[i]!.ByteSize, spillable: true);
                    (moved ??= []).Add(moves[i]);
                }
            }
            moves.Clear();
            if (failure is not null)
            {
                _queue.Fault(failure);
            }
        }

        if (moved is not null)
        {
            Freed(moved);
        }
        lock (_queue.Gate)
        {
            if (_host.TakeRootsWaiting() | s.Stopped)
            {
                Monitor.PulseAll(_queue.Gate);
            }
        }
    }

    public bool PrepareArgument(int source, ref object? argument, List<IDeviceResident> uploads)
    {
        // Set under the lock before any reader of the moved result starts, and never cleared.
        if (source < 0 || _ledger?.MovedFrom(source) is not { } original)
        {
            return true;
        }
        IDeviceResident restored;
        try
        {
            restored = original.CopyToDevice((ISpillable)argument!);
        }
        catch (Exception e)
        {
            _queue.Abandon(e);
            return false;
        }
        uploads.Add(restored);
        argument = restored;
        _ledger.CountRestore(restored.ByteSize);
        if (_observers.Any)
        {
            _observers.Restored(new SpillEvent(_graph.Keys[source], MemoryTier.Host, MemoryTier.Device, restored.ByteSize, Stopwatch.GetTimestamp()));
        }
        return true;
    }

    /// <summary>A failure to free stops the run: the device is in trouble.</summary>
    public void FreeUploads(List<IDeviceResident> uploads, object? result)
    {
        foreach (var upload in uploads)
        {
            if (ReferenceEquals(upload, result))
            {
                continue;
            }
            try
            {
                upload.Dispose();
            }
            catch (Exception e)
            {
                _queue.Fault(e);
            }
        }
        uploads.Clear();
    }

    /// <summary>Outside the lock: no slot holds the moved originals any more and no running task reads them, so their memory goes now.</summary>
    private void Freed(List<DeviceMove> moved)
    {
        foreach (var move in moved)
        {
            try
            {
                move.Value.Dispose();
            }
            catch (Exception e)
            {
                _queue.Fault(e); // a device that cannot free memory is broken: stop rather than go on
            }
        }
        if (!_observers.Any)
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        foreach (var move in moved)
        {
            _observers.Spilled(new SpillEvent(_graph.Keys[move.Task], MemoryTier.Device, MemoryTier.Host, move.Bytes, now));
        }
    }
}
