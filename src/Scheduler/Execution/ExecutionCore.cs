using System.Diagnostics;

namespace Tessera.Scheduling;

/// <summary>
/// The one core loop both executors share: workers take steps from the <see cref="ReadyQueue"/>
/// (which holds the ordering policy and the lock), gather a task's arguments (restoring spilled or
/// moved inputs through the memory tiers), run it outside the lock, tell the observers, and hand
/// the result back to the queue. The caller's thread is worker 0, so the synchronous executor is
/// this loop with one worker and no extra thread; the threaded one adds dedicated threads.
///
/// Memory: results are counted by two tiers behind narrow interfaces: <see cref="IHostTier"/>
/// (host ↔ disk, <see cref="HostTier"/>) and <see cref="IDeviceTier"/> (device ↔ host,
/// <see cref="DeviceTier"/>). The queue asks them under its lock whether a worker must first make
/// room; the worker then does the copying here, outside the lock.
///
/// Failure: every call into code the scheduler does not own (a task's function, a result's size,
/// an observer, a spill codec, a device copy) is guarded, and its exception goes to
/// <see cref="ReadyQueue.Fault"/>, which keeps the first one as the run's error and stops the run:
/// nothing new starts, running tasks finish, idle workers wake and leave. A task's exception
/// reaches the caller as <see cref="TaskFailedException"/>, an observer's as
/// <see cref="ObserverFailedException"/>, a spill or device failure as it is. A worker also catches
/// whatever escapes its loop (a fault of the core itself), so no exception ever leaves a worker
/// thread, where it would end the process. <see cref="Run"/> returns or throws only after every
/// worker has stopped, every prefetch has finished and the spill folder is gone.
/// </summary>
internal sealed class ExecutionCore
{
    private readonly CompiledGraph _graph;
    private readonly ReadyQueue _queue;
    private readonly ObserverSet _observers;
    private readonly MemorySettings _memorySettings;
    private readonly int _maxArgs;
    private readonly ComputeOptions? _options;
    private IHostTier _host = null!;
    private IDeviceTier _devices = null!;
    private TaskClock _clock; // read twice per task when someone observes

    public ExecutionCore(CompiledGraph graph, int[] rank, IReadOnlyList<IComputeObserver> observers, MemorySettings memory,
        ComputeOptions? options = null)
    {
        _options = options;
        _graph = graph;
        _queue = new ReadyQueue(graph, rank);
        _observers = new ObserverSet(observers, e => _queue.Fault(e));
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
        var (started, run) = Start(workers, cancellationToken);
        try
        {
            using (cancellationToken.Register(_queue.Cancel))
            {
                var threads = StartWorkers(1, workers);
                Work(0);
                foreach (var thread in threads)
                {
                    thread.Join();
                }
            }
            return Finish(workers, cancellationToken, started, run);
        }
        finally
        {
            _host.Dispose();
        }
    }

    /// <summary>
    /// As <see cref="Run"/>, without blocking the caller: every worker is a dedicated thread, and
    /// the last one to leave completes the returned task (outputs collected, observers told, spill
    /// folder gone). Cancellation stops the run between tasks, as in <see cref="Run"/>.
    /// </summary>
    public Task<object?[]> RunAsync(int workers, CancellationToken cancellationToken)
    {
        var (started, run) = Start(workers, cancellationToken);
        var completion = new TaskCompletionSource<object?[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(_queue.Cancel);
        var remaining = workers;
        void Leave()
        {
            if (Interlocked.Decrement(ref remaining) != 0)
            {
                return;
            }
            registration.Dispose();
            try
            {
                completion.SetResult(Finish(workers, cancellationToken, started, run));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                completion.SetCanceled(cancellationToken);
            }
            catch (Exception e)
            {
                completion.SetException(e);
            }
            finally
            {
                _host.Dispose();
            }
        }
        var threads = StartWorkers(0, workers, Leave);
        // Workers that could not start (no memory for a thread) leave at once, so the count still reaches zero.
        for (var missing = workers - threads.Count; missing > 0; missing--)
        {
            Leave();
        }
        return completion.Task;
    }

    private (long Started, ComputeRun Run) Start(int workers, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        // Graph and gauge are views of arrays and counters the run has anyway: free unless an observer reads them.
        var gauge = new RunMemoryGauge(_queue);
        var run = new ComputeRun(_graph.Count, workers, started)
        {
            Graph = new RunGraph(_graph.Keys, _graph.Kinds, _graph.DepStart, _graph.DepTargets),
            Memory = gauge,
            Options = _options,
        };
        if (_observers.Any)
        {
            _clock = TaskClock.Start();
        }
        _observers.RunStarted(run); // if one throws, the run has stopped: the workers leave at once

        var host = new HostTier(_graph, _queue, _observers, _memorySettings, workers, cancellationToken);
        try
        {
            _host = host;
            _devices = new DeviceTier(_graph, _queue, _observers, host, _memorySettings, workers);
            _queue.Attach(_host, _devices);
            gauge.Attach(_host, _devices);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return (started, run);
    }

    // Dedicated threads, not the thread pool: its starvation under blocking I/O tasks would stall a run.
    private List<Thread> StartWorkers(int first, int workers, Action? leave = null)
    {
        var threads = new List<Thread>(workers - first);
        try
        {
            for (var w = first; w < workers; w++)
            {
                var worker = w;
                var thread = new Thread(() =>
                {
                    Work(worker);
                    leave?.Invoke();
                })
                { IsBackground = true, Name = $"tessera-worker-{w}" };
                thread.Start();
                threads.Add(thread);
            }
        }
        catch (Exception e)
        {
            _queue.Fault(e); // no thread to spare (out of memory): the workers already started stop
        }
        return threads;
    }

    private object?[] Finish(int workers, CancellationToken cancellationToken, long started, ComputeRun run)
    {
        var state = _queue.State;
        object?[]? outputs = null;
        if (state.Error is null && !state.Canceled)
        {
            outputs = _host.CollectOutputs(); // may restore spilled outputs, and fail doing so
        }
        var summary = _host.Summary(_devices.Ledger);
        Statistics = new ExecutionStatistics(state.Finished, state.PeakHeld, workers, Stopwatch.GetElapsedTime(started))
        {
            Memory = summary,
        };
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
        var state = _queue.State;
        return state.Error is { } e
            ? state.FailedTask >= 0 ? new TaskFailedException(_graph.Keys[state.FailedTask], e) : e
            : state.Canceled ? new OperationCanceledException(cancellationToken) : null;
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
            _queue.Fault(e);
        }
        finally
        {
            if (uploads.Count > 0)
            {
                _devices.FreeUploads(uploads, null); // the task in hand never finished
            }
        }
    }

    private void Loop(int worker, List<IDeviceResident> uploads)
    {
        var args = new object?[_maxArgs];
        var graph = _graph;
        var queue = _queue;
        var host = _host;
        var devices = _devices;
        var next = queue.TakeNext(worker);
        while (next.Kind != NextKind.Done)
        {
            if (next.Kind == NextKind.Spill)
            {
                host.Spill(worker);
                next = queue.TakeNext(worker);
                continue;
            }
            if (next.Kind == NextKind.Move)
            {
                devices.Move(worker);
                next = queue.TakeNext(worker);
                continue;
            }
            var task = next.Task;
            var argStart = graph.ArgStart[task];
            var argCount = graph.ArgStart[task + 1] - argStart;
            var results = queue.State.Results; // a dependency's slot holds its result, or its spill handle, until this task finishes
            var restoreFailed = false;
            for (var i = 0; i < argCount && !restoreFailed; i++)
            {
                var source = graph.ArgTask[argStart + i];
                args[i] = source >= 0 ? results[source] : graph.ArgLiteral[argStart + i];
                if (args[i] is SpilledResult spilled)
                {
                    restoreFailed = !host.TryRestore(source, spilled, out args[i]);
                }
                if (devices.Active && !restoreFailed)
                {
                    restoreFailed = !devices.PrepareArgument(source, ref args[i], uploads);
                }
            }
            if (restoreFailed)
            {
                Array.Clear(args, 0, argCount);
                devices.FreeUploads(uploads, null);
                next = queue.TakeNext(worker); // the run has stopped with the restore error
                continue;
            }

            var start = _observers.Any ? _clock.Now() : 0;
            if (_observers.Any &&
                !_observers.TaskStarted(new TaskEvent(graph.Keys[task], graph.Kinds[task], worker, start, start, 0) { TaskIndex = task }))
            {
                // An observer threw: the run has stopped with its error, and this task does not run.
                Array.Clear(args, 0, argCount);
                devices.FreeUploads(uploads, null);
                next = queue.Release(worker);
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
                queue.Fault(e, task);
            }
            Array.Clear(args, 0, argCount);
            if (uploads.Count > 0)
            {
                devices.FreeUploads(uploads, result);
            }

            if (_observers.Any)
            {
                // Never before its start: the counter of the core a thread moved to may trail a little.
                var end = Math.Max(start, _clock.Now());
                var taskEvent = new TaskEvent(graph.Keys[task], graph.Kinds[task], worker, start, end, bytes)
                {
                    TaskIndex = task,
                };
                _ = error is null ? _observers.TaskFinished(taskEvent) : _observers.TaskFailed(taskEvent, error);
            }

            next = error is null ? queue.Complete(task, result, bytes, kind, worker) : queue.Release(worker);
        }
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
}
