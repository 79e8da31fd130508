using System.Diagnostics;

namespace Tessera.Scheduling;

/// <summary>
/// The one core loop both executors share.
///
/// Policy: each worker takes the top of a LIFO ready stack, so the task that just became
/// runnable (the next step of the branch in hand) runs next and branches finish depth-first;
/// static ranks (<see cref="GraphOrdering"/>) decide the order among tasks that become
/// ready together. A result is released the moment its last consumer finishes.
///
/// State lives in <see cref="ExecutionState"/> under one lock. A worker takes the lock once
/// per task: to record the finished task, release what it consumed, push what it unlocked
/// and take the next task, all in one critical section. Argument gathering, the task itself
/// and observer calls run outside the lock.
///
/// Failure: every call into code the scheduler does not own (a task's function, a result's size,
/// an observer, a spill codec, a device copy) is guarded, and its exception goes to
/// <see cref="Fault"/>, which keeps the first one as the run's error and stops the run: nothing
/// new starts, running tasks finish, idle workers wake and leave. A task's exception reaches the
/// caller as <see cref="TaskFailedException"/>, an observer's as <see cref="ObserverFailedException"/>,
/// a spill or device failure as it is. A worker also catches whatever escapes its loop (a fault of
/// the core itself), so no exception ever leaves a worker thread, where it would end the process.
/// <see cref="Run"/> returns or throws only after every worker has stopped, every prefetch has
/// finished and the spill folder is gone. Cancellation sets the same stop flag and wakes idle
/// workers. The caller's thread is worker 0, so the synchronous executor is this loop with one
/// worker and no extra thread.
///
/// Memory: results are counted against a host budget (<see cref="HostMemoryBudget"/>, policy
/// there); past it, workers spill least recently used results outside the lock, and root tasks
/// wait for room. The spilling half of this loop is in ExecutionCore.Spilling.cs. Device-resident
/// results count against per-device budgets instead and move to host past them
/// (<see cref="DeviceMemoryBudget"/>, ExecutionCore.DeviceTier.cs).
/// </summary>
internal sealed partial class ExecutionCore
{
    /// <summary>What <see cref="TakeNext"/> returns when the run is over for this worker.</summary>
    private const int Done = -1;

    /// <summary>What <see cref="TakeNext"/> returns when the worker must first write the victims it was given.</summary>
    private const int SpillFirst = -2;

    private readonly CompiledGraph _graph;
    private readonly ExecutionState _state;
    private readonly ObserverSet _observers;
    private readonly int _maxArgs;

    public ExecutionCore(CompiledGraph graph, int[] rank, IReadOnlyList<IComputeObserver> observers, MemorySettings memory)
    {
        _graph = graph;
        _state = new ExecutionState(graph, rank);
        _observers = new ObserverSet(observers, e => Fault(e));
        _memorySettings = memory;
        for (var t = 0; t < graph.Count; t++)
        {
            _maxArgs = Math.Max(_maxArgs, graph.ArgStart[t + 1] - graph.ArgStart[t]);
        }
    }

    public ExecutionStatistics Statistics { get; private set; } = null!;

    /// <summary>Runs the graph on <paramref name="workers"/> workers and returns the requested results.</summary>
    public object?[] Run(int workers, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var run = new ComputeRun(_graph.Count, workers, started);
        _observers.RunStarted(run); // if one throws, the run has stopped: the workers leave at once

        _budget = new HostMemoryBudget(_graph.Count, workers, _memorySettings.Limit);
        _store = new SpillStore(_memorySettings.Directory, _memorySettings.Files);
        _prefetcher = new Prefetcher(_store);
        _moves = new List<DeviceMove>?[workers];
        _cancellation = cancellationToken;
        try
        {
            return Execute(workers, cancellationToken, started, run);
        }
        finally
        {
            _prefetcher.WaitIdle(); // no read of a spill file outlives the run
            _store.Dispose(); // the run's spill folder goes, however the run ended
        }
    }

    private object?[] Execute(int workers, CancellationToken cancellationToken, long started, ComputeRun run)
    {
        using (cancellationToken.Register(Cancel))
        {
            var threads = new List<Thread>(workers - 1);
            try
            {
                for (var w = 1; w < workers; w++)
                {
                    var worker = w;
                    var thread = new Thread(() => Work(worker)) { IsBackground = true, Name = $"tessera-worker-{w}" };
                    thread.Start();
                    threads.Add(thread);
                }
            }
            catch (Exception e)
            {
                Fault(e); // no thread to spare (out of memory): the workers already started stop
            }
            Work(0);
            foreach (var thread in threads)
            {
                thread.Join();
            }
        }

        var state = _state;
        object?[]? outputs = null;
        if (state.Error is null && !state.Canceled)
        {
            outputs = CollectOutputs(); // may restore spilled outputs, and fail doing so
        }
        var summary = _budget!.Summary(_devices);
        Statistics = new ExecutionStatistics(state.Finished, state.PeakHeld, workers, Stopwatch.GetElapsedTime(started))
        {
            Memory = summary,
        };
        // A spill or restore failure is no task's fault: it is thrown as it is, naming its key and file.
        var error = RunError(cancellationToken);
        _observers.MemorySummary(summary);
        _observers.RunFinished(run, error);
        // An observer that threw at the very end fails a run that had succeeded so far.
        error ??= RunError(cancellationToken);
        if (error is not null)
        {
            throw error;
        }
        return outputs!;
    }

    /// <summary>What the caller gets for the first fault: a task's wrapped with its key; a spill, restore or observer failure as it is.</summary>
    private Exception? RunError(CancellationToken cancellationToken)
    {
        var state = _state;
        return state.Error is { } e
            ? state.FailedTask >= 0 ? new TaskFailedException(_graph.Keys[state.FailedTask], e) : e
            : state.Canceled ? new OperationCanceledException(cancellationToken) : null;
    }

    /// <summary>
    /// The one place a fault is recorded: the first becomes the run's error (unless the run was
    /// canceled first), and the run stops. <paramref name="task"/> names the task that threw, or is
    /// -1 when no task is at fault. Safe with or without the lock held.
    /// </summary>
    private void Fault(Exception error, int task = -1)
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

    private void Cancel()
    {
        lock (_state.Gate)
        {
            _state.Stopped = true;
            _state.Canceled = true;
            Monitor.PulseAll(_state.Gate);
        }
    }

    /// <summary>One worker: the loop, and a last guard so that no exception leaves the thread.</summary>
    private void Work(int worker)
    {
        var uploads = new List<IDeviceResident>(); // device copies of moved inputs, made for the task in hand
        try
        {
            Loop(worker, uploads);
        }
        catch (Exception e)
        {
            // Not a task's or an observer's exception (those are caught where they are called):
            // a fault of the core or of a result's accounting. The run stops with it.
            Fault(e);
        }
        finally
        {
            if (uploads.Count > 0)
            {
                FreeUploads(uploads, null); // the task in hand never finished
            }
        }
    }

    private void Loop(int worker, List<IDeviceResident> uploads)
    {
        var args = new object?[_maxArgs];
        var graph = _graph;
        var victims = new List<SpillVictim>();
        int task;
        lock (_state.Gate)
        {
            task = TakeNext(worker, victims);
        }
        while (task != Done)
        {
            if (task == SpillFirst)
            {
                task = SpillAndTakeNext(worker, victims);
                continue;
            }
            if (task == MoveFirst)
            {
                task = MoveAndTakeNext(worker, victims);
                continue;
            }
            var argStart = graph.ArgStart[task];
            var argCount = graph.ArgStart[task + 1] - argStart;
            var results = _state.Results; // a dependency's slot holds its result, or its spill handle, until this task finishes
            var devices = _devices;
            var restoreFailed = false;
            for (var i = 0; i < argCount && !restoreFailed; i++)
            {
                var source = graph.ArgTask[argStart + i];
                args[i] = source >= 0 ? results[source] : graph.ArgLiteral[argStart + i];
                if (args[i] is SpilledResult spilled)
                {
                    restoreFailed = !TryRestore(source, spilled, out args[i]);
                }
                if (devices is not null && source >= 0 && !restoreFailed && devices.MovedFrom(source) is { } original)
                {
                    restoreFailed = !TryRestoreToDevice(source, original, ref args[i], uploads);
                }
            }
            if (restoreFailed)
            {
                Array.Clear(args, 0, argCount);
                FreeUploads(uploads, null);
                lock (_state.Gate)
                {
                    task = TakeNext(worker, victims); // the run has stopped with the restore error
                }
                continue;
            }

            var start = _observers.Any ? Stopwatch.GetTimestamp() : 0;
            if (_observers.Any &&
                !_observers.TaskStarted(new TaskEvent(graph.Keys[task], graph.Kinds[task], worker, start, start, 0)))
            {
                // An observer threw: the run has stopped with its error, and this task does not run.
                Array.Clear(args, 0, argCount);
                FreeUploads(uploads, null);
                lock (_state.Gate)
                {
                    _state.Running--;
                    task = TakeNext(worker, victims);
                }
                continue;
            }

            object? result = null;
            Exception? error = null;
            var kind = ResultKind.Plain;
            long bytes = 0;
            try
            {
                var function = graph.Functions[task];
                result = function is null ? graph.ConstantValues[task] : function(args.AsSpan(0, argCount));
                bytes = ResultSize.Of(result, out kind); // a result's ByteSize is user code too
                if (kind == ResultKind.Device && IsBorrowed(task, result!, args.AsSpan(0, argCount)))
                {
                    kind = ResultKind.DeviceBorrowed;
                }
            }
            catch (Exception e)
            {
                error = e;
                // Recorded at once, before observers hear of it: no task may start once the failure
                // is known, and an observer that throws while told of it does not take its place.
                Fault(e, task);
            }
            Array.Clear(args, 0, argCount);
            if (uploads.Count > 0)
            {
                FreeUploads(uploads, result);
            }

            if (_observers.Any)
            {
                var taskEvent = new TaskEvent(graph.Keys[task], graph.Kinds[task], worker, start, Stopwatch.GetTimestamp(), bytes);
                _ = error is null ? _observers.TaskFinished(taskEvent) : _observers.TaskFailed(taskEvent, error);
            }

            lock (_state.Gate)
            {
                if (error is null)
                {
                    Complete(task, result, bytes, kind, worker);
                }
                else
                {
                    _state.Running--; // the error is already the run's (or a first one is)
                }
                task = TakeNext(worker, victims);
            }
        }
    }

    /// <summary>
    /// Under the lock: the next task to run; <see cref="Done"/> when the run is over for this
    /// worker; <see cref="SpillFirst"/> when memory is over budget and <paramref name="victims"/>
    /// holds results this worker must write to disk first.
    /// </summary>
    private int TakeNext(int worker, List<SpillVictim> victims)
    {
        var s = _state;
        var budget = _budget!;
        while (true)
        {
            if (s.Stopped)
            {
                return Done;
            }
            if (_devices is not null && ChooseDeviceMoves(worker))
            {
                return MoveFirst;
            }
            if (budget.MustSpill && budget.ChooseVictims(budget.Limit, s.Results, victims))
            {
                s.SpillingWorkers++;
                return SpillFirst;
            }
            if (s.ReadyCount > 0)
            {
                var next = s.ReadyStack[s.ReadyCount - 1];
                // Roots sit below every other ready task (they are pushed first and only then), so
                // a root on top means nothing else is ready: waiting for room cannot starve other work.
                if (_graph.DepStart[next] == _graph.DepStart[next + 1] && _graph.Functions[next] is not null &&
                    !AdmitRoot(next, worker, victims, out var spill))
                {
                    if (spill)
                    {
                        return SpillFirst;
                    }
                    s.IdleWorkers++;
                    Monitor.Wait(s.Gate);
                    s.IdleWorkers--;
                    continue;
                }
                s.Running++;
                s.ReadyCount--;
                if (budget.HasSpillableResults || _devices is not null)
                {
                    Started(next);
                }
                return next;
            }
            if (s.Running == 0)
            {
                return Done; // nothing runs and nothing is ready: every task has finished
            }
            s.IdleWorkers++;
            Monitor.Wait(s.Gate);
            s.IdleWorkers--;
        }
    }

    /// <summary>Under the lock: records a result, releases consumed inputs, pushes newly ready tasks.</summary>
    private void Complete(int task, object? result, long bytes, ResultKind kind, int worker)
    {
        var s = _state;
        var graph = _graph;
        var budget = _budget!;
        var devices = _devices;
        s.Running--;
        s.Finished++;
        foreach (var dep in graph.Dependencies(task))
        {
            devices?.ReaderFinished(dep);
            if (--s.Consumers[dep] == 0)
            {
                if (devices is not null && devices.Holds(dep))
                {
                    devices.Released(dep, (IDeviceResident)s.Results[dep]!);
                }
                else if (budget.Released(dep, s.Results[dep]) is { } spilled)
                {
                    _store!.Delete(spilled);
                }
                s.Results[dep] = null;
                s.Held--;
            }
        }
        if (graph.DepStart[task] == graph.DepStart[task + 1])
        {
            // A device root's output is not host memory: it sets no host estimate.
            budget.RootFinished(worker, kind >= ResultKind.Device ? 0 : bytes);
        }
        if (s.Consumers[task] > 0)
        {
            s.Results[task] = result;
            if (kind >= ResultKind.Device)
            {
                StoreOnDevice(task, (IDeviceResident)result!, kind);
            }
            else
            {
                budget.Stored(task, bytes, kind == ResultKind.Spillable);
            }
            if (++s.Held > s.PeakHeld)
            {
                s.PeakHeld = s.Held;
            }
        }
        if (budget.RootsWaiting && s.IdleWorkers > 0)
        {
            // Memory was freed or a root's size is now known: waiting workers re-check admission.
            budget.RootsWaiting = false;
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
