namespace Tessera.Scheduling;

/// <summary>
/// The ready queue of one run and its lock: which task a worker takes next, what a finished
/// task releases and unlocks, and how the run stops.
///
/// Policy: each worker takes the top of a LIFO ready stack, so the task that just became
/// runnable (the next step of the branch in hand) runs next and branches finish depth-first;
/// static ranks (<see cref="GraphOrdering"/>) decide the order among tasks that become ready
/// together. A result is released the moment its last consumer finishes, so memory is freed
/// as early as the order allows.
///
/// State lives in <see cref="ExecutionState"/> under <see cref="Gate"/>. A worker takes the lock
/// once per task: to record the finished task, release what it consumed, push what it unlocked
/// and take the next task, all in one critical section (<see cref="Complete"/>). Before handing
/// out a task the queue asks the memory tiers whether this worker must first make room
/// (<see cref="NextKind.Move"/>, <see cref="NextKind.Spill"/>) and whether a root fits
/// (<see cref="IHostTier.AdmitRoot"/>); the tiers do the copying outside the lock.
///
/// Stopping: the first fault (<see cref="Fault"/>) or a cancellation sets the stop flag and wakes
/// every idle worker; from then on <see cref="TakeNext(int)"/> hands out only
/// <see cref="NextKind.Done"/>, and running tasks finish.
/// </summary>
internal sealed class ReadyQueue
{
    private readonly CompiledGraph _graph;
    private readonly ExecutionState _state;
    private IHostTier _host = null!;
    private IDeviceTier _devices = null!;

    public ReadyQueue(CompiledGraph graph, int[] rank)
    {
        _graph = graph;
        _state = new ExecutionState(graph, rank);
    }

    /// <summary>The lock over <see cref="State"/>; the tiers take it to swap result slots.</summary>
    public object Gate => _state.Gate;

    public ExecutionState State => _state;

    /// <summary>Connects the run's memory tiers (they are made per run, after the queue).</summary>
    public void Attach(IHostTier host, IDeviceTier devices)
    {
        _host = host;
        _devices = devices;
    }

    /// <summary>Takes the lock and returns this worker's next step.</summary>
    public Next TakeNext(int worker)
    {
        lock (_state.Gate)
        {
            return TakeNextLocked(worker);
        }
    }

    /// <summary>Records a finished task (its result, what it released and unlocked) and returns this worker's next step.</summary>
    public Next Complete(int task, object? result, long bytes, ResultKind kind, int worker)
    {
        lock (_state.Gate)
        {
            CompleteLocked(task, result, bytes, kind, worker);
            return TakeNextLocked(worker);
        }
    }

    /// <summary>A task that failed, or never ran because the run stopped first, no longer runs; returns this worker's next step.</summary>
    public Next Release(int worker)
    {
        lock (_state.Gate)
        {
            _state.Running--;
            return TakeNextLocked(worker);
        }
    }

    /// <summary>A starting task could not get its inputs (<paramref name="error"/>): the run stops with it and the task no longer runs.</summary>
    public void Abandon(Exception error)
    {
        lock (_state.Gate)
        {
            _state.Running--;
            Fault(error);
        }
    }

    /// <summary>
    /// The one place a fault is recorded: the first becomes the run's error (unless the run was
    /// canceled first), and the run stops. <paramref name="task"/> names the task that threw, or is
    /// -1 when no task is at fault. Safe with or without the lock held.
    /// </summary>
    public void Fault(Exception error, int task = -1)
    {
        var s = _state;
        lock (s.Gate)
        {
            if (s.Error is null && !s.Canceled)
            {
                s.Error = error;
                s.FailedTask = task;
            }
            s.Stopped = true;
            Monitor.PulseAll(s.Gate);
        }
    }

    /// <summary>Cancellation: the run stops, idle workers wake and leave.</summary>
    public void Cancel()
    {
        lock (_state.Gate)
        {
            _state.Stopped = true;
            _state.Canceled = true;
            Monitor.PulseAll(_state.Gate);
        }
    }

    private Next TakeNextLocked(int worker)
    {
        var s = _state;
        var graph = _graph;
        while (true)
        {
            if (s.Stopped)
            {
                return Next.Done;
            }
            if (_devices.Active && _devices.ChooseMoves(worker))
            {
                s.SpillingWorkers++;
                return Next.Move;
            }
            if (_host.ChooseSpill(worker))
            {
                s.SpillingWorkers++;
                return Next.Spill;
            }
            if (s.ReadyCount > 0)
            {
                var next = s.ReadyStack[s.ReadyCount - 1];
                // Roots sit below every other ready task (they are pushed first and only then), so
                // a root on top means nothing else is ready: waiting for room cannot starve other work.
                if (graph.DepStart[next] == graph.DepStart[next + 1] && graph.Functions[next] is not null)
                {
                    var admission = _host.AdmitRoot(next, worker);
                    if (admission == RootAdmission.SpillFirst)
                    {
                        s.SpillingWorkers++;
                        return Next.Spill;
                    }
                    if (admission == RootAdmission.Wait)
                    {
                        s.IdleWorkers++;
                        Monitor.Wait(s.Gate);
                        s.IdleWorkers--;
                        continue;
                    }
                }
                s.Running++;
                s.ReadyCount--;
                if (_devices.Active)
                {
                    _devices.Started(next);
                }
                _host.Started(next);
                return Next.Run(next);
            }
            if (s.Running == 0)
            {
                return Next.Done; // nothing runs and nothing is ready: every task has finished
            }
            s.IdleWorkers++;
            Monitor.Wait(s.Gate);
            s.IdleWorkers--;
        }
    }

    private void CompleteLocked(int task, object? result, long bytes, ResultKind kind, int worker)
    {
        var s = _state;
        var graph = _graph;
        var devices = _devices;
        s.Running--;
        s.Finished++;
        foreach (var dep in graph.Dependencies(task))
        {
            if (devices.Active)
            {
                devices.ReaderFinished(dep);
            }
            if (--s.Consumers[dep] == 0)
            {
                if (!(devices.Active && devices.Release(dep, s.Results[dep])))
                {
                    _host.Released(dep, s.Results[dep]);
                }
                s.Results[dep] = null;
                s.Held--;
            }
        }
        if (graph.DepStart[task] == graph.DepStart[task + 1])
        {
            // A device root's output is not host memory: it sets no host estimate.
            _host.RootFinished(worker, kind >= ResultKind.Device ? 0 : bytes);
        }
        if (s.Consumers[task] > 0)
        {
            s.Results[task] = result;
            if (kind >= ResultKind.Device)
            {
                devices.Store(task, (IDeviceResident)result!, kind);
            }
            else
            {
                _host.Stored(task, bytes, kind == ResultKind.Spillable);
            }
            if (++s.Held > s.PeakHeld)
            {
                s.PeakHeld = s.Held;
            }
        }
        if (s.IdleWorkers > 0 && _host.TakeRootsWaiting())
        {
            // Memory was freed or a root's size is now known: waiting workers re-check admission.
            Monitor.PulseAll(s.Gate);
        }

        var dependents = graph.Dependents(task);
        Span<int> unlocked = dependents.Length <= 64 ? stackalloc int[dependents.Length] : new int[dependents.Length];
        var count = 0;
        foreach (var d in dependents)
        {
            if (--s.WaitingOn[d] == 0)
            {
                unlocked[count++] = d;
            }
        }
        s.PushReady(unlocked[..count]);

        if (s.IdleWorkers > 0)
        {
            if (s.ReadyCount == 0 && s.Running == 0)
            {
                Monitor.PulseAll(s.Gate); // the run is over: let idle workers leave
            }
            else
            {
                // This worker takes one ready task itself; wake one idle worker per extra task.
                for (var extra = Math.Min(s.ReadyCount - 1, s.IdleWorkers); extra > 0; extra--)
                {
                    Monitor.Pulse(s.Gate);
                }
            }
        }
    }
}
