using System.Diagnostics;

namespace Tessera.Scheduling;

/// <summary>
/// The device half of the memory loop: device-resident results are counted per device
/// (<see cref="DeviceTier"/>, policy in <see cref="DeviceMemoryBudget"/>), and past a device's
/// limit a worker copies the least recently used ones to host outside the lock, swaps the copies
/// into their slots, frees the device memory and reports <c>OnSpilled(Device → Host)</c>. The host
/// copies then count against the host budget like any spillable result, and may go on to disk.
/// A task that reads a moved result gets a device copy made just for it (<c>OnRestored(Host →
/// Device)</c>), freed when it finishes, so tasks never see the difference.
/// Nothing here runs until a task returns a device result.
/// </summary>
internal sealed partial class ExecutionCore
{
    /// <summary>What <see cref="TakeNext"/> returns when the worker must first copy its chosen device results to host.</summary>
    private const int MoveFirst = -3;

    private DeviceTier? _devices;
    private List<DeviceMove>?[] _moves = [];

    /// <summary>
    /// Puts an input that moved to host back on its device for the starting task (the slot keeps the
    /// host copy: each reader uploads its own, freed when it finishes). On failure the run stops with
    /// the error, this task counts as no longer running, and false is returned.
    /// </summary>
    private bool TryRestoreToDevice(int source, IDeviceResident original, ref object? arg, List<IDeviceResident> uploads)
    {
        IDeviceResident restored;
        try
        {
            restored = original.CopyToDevice((ISpillable)arg!);
        }
        catch (Exception e)
        {
            lock (_state.Gate)
            {
                _state.Running--;
                Fault(e);
            }
            return false;
        }
        uploads.Add(restored);
        arg = restored;
        _devices!.CountRestore(restored.ByteSize);
        if (_observers.Any)
        {
            _observers.Restored(new SpillEvent(_graph.Keys[source], MemoryTier.Host, MemoryTier.Device, restored.ByteSize, Stopwatch.GetTimestamp()));
        }
        return true;
    }

    /// <summary>
    /// The task in hand finished: frees the device copies made for it, except one it returned (that
    /// one is its result now). A failure to free stops the run: the device is in trouble.
    /// </summary>
    private void FreeUploads(List<IDeviceResident> uploads, object? result)
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
                Fault(e); // a device that cannot free memory is broken: stop rather than go on
            }
        }
        uploads.Clear();
    }

    /// <summary>
    /// Whether a device result is not the run's to free: a constant's value, or one of the task's
    /// own arguments handed back (a literal, or another task's result that another slot holds).
    /// </summary>
    private bool IsBorrowed(int task, object result, ReadOnlySpan<object?> args)
    {
        if (_graph.Functions[task] is null)
        {
            return true;
        }
        foreach (var arg in args)
        {
            if (ReferenceEquals(arg, result))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Under the lock: counts a device result on its device; the caller's outputs never move.</summary>
    private void StoreOnDevice(int task, IDeviceResident result, ResultKind kind)
    {
        var devices = _devices ??= new DeviceTier(_graph.Count,
            _memorySettings.DeviceLimitOf ?? DeviceMemoryLimits.From(configured: null));
        var movable = kind == ResultKind.Device && _state.IsOutput?[task] != true;
        devices.Stored(task, result, movable);
    }

    /// <summary>Under the lock: chooses device results to move when a device is over its limit; returns whether this worker must move them first.</summary>
    private bool ChooseDeviceMoves(int worker)
    {
        if (_devices is not { MustMove: true } devices)
        {
            return false;
        }
        var moves = _moves[worker] ??= [];
        if (!devices.ChooseVictims(_state.Results, moves))
        {
            return false;
        }
        _state.SpillingWorkers++;
        return true;
    }

    /// <summary>
    /// Copies this worker's chosen device results to host outside the lock, swaps them in, frees the
    /// originals and reports the moves, then takes the next task. Freeing and reporting come before
    /// taking the next task, which may wait a long time: the device memory is what is short.
    /// </summary>
    private int MoveAndTakeNext(int worker, List<SpillVictim> victims)
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
        var budget = _budget!;
        List<DeviceMove>? moved = null;
        lock (s.Gate)
        {
            s.SpillingWorkers--;
            for (var i = 0; i < moves.Count; i++)
            {
                if (_devices!.FinishMove(moves[i], copies[i], s.Results))
                {
                    budget.Stored(moves[i].Task, copies[i]!.ByteSize, spillable: true);
                    (moved ??= []).Add(moves[i]);
                }
            }
            moves.Clear();
            if (failure is not null)
            {
                Fault(failure);
            }
        }

        if (moved is not null)
        {
            Freed(moved);
        }
        lock (s.Gate)
        {
            if (budget.RootsWaiting || s.Stopped)
            {
                budget.RootsWaiting = false;
                Monitor.PulseAll(s.Gate);
            }
            return TakeNext(worker, victims);
        }
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
                Fault(e); // a device that cannot free memory is broken: stop rather than go on
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
