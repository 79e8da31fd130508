namespace Tessera.Scheduling;

/// <summary>
/// The run's observers, called only through here. Observers are user code on the scheduler's
/// worker threads: an exception escaping one would end the process (on a worker thread) or leave
/// the other workers running (on the caller's). So every call is guarded: what an observer throws
/// becomes an <see cref="ObserverFailedException"/> handed to the run's fault handler, which stops
/// the run and keeps the first error; the remaining observers still hear the event.
/// </summary>
internal sealed class ObserverSet
{
    private readonly IComputeObserver[] _observers;
    private readonly Action<Exception> _fault;

    /// <param name="observers">The observers of the run, in the order they are called.</param>
    /// <param name="fault">Called with the wrapped exception when an observer throws; must not throw.</param>
    public ObserverSet(IReadOnlyList<IComputeObserver> observers, Action<Exception> fault)
    {
        _observers = [.. observers];
        _fault = fault;
    }

    /// <summary>True when there is at least one observer (callers skip building events otherwise).</summary>
    public bool Any => _observers.Length > 0;

    public bool RunStarted(ComputeRun run) =>
        Notify(nameof(IComputeObserver.OnRunStarted), run, static (o, r) => o.OnRunStarted(r));

    // The two per-task events loop directly instead of going through Notify's delegate: they run
    // twice per task, and the delegate call and the event's copies into it were half of what an
    // observer that does nothing cost the 100,000-task benchmark (issue #21 measured it).
    public bool TaskStarted(in TaskEvent task)
    {
        var ok = true;
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnTaskStarted(task);
            }
            catch (Exception e)
            {
                ok = false;
                _fault(new ObserverFailedException(observer, nameof(IComputeObserver.OnTaskStarted), e));
            }
        }
        return ok;
    }

    public bool TaskFinished(in TaskEvent task)
    {
        var ok = true;
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnTaskFinished(task);
            }
            catch (Exception e)
            {
                ok = false;
                _fault(new ObserverFailedException(observer, nameof(IComputeObserver.OnTaskFinished), e));
            }
        }
        return ok;
    }

    public bool TaskFailed(in TaskEvent task, Exception error) =>
        Notify(nameof(IComputeObserver.OnTaskFailed), (task, error), static (o, a) => o.OnTaskFailed(a.task, a.error));

    public bool Spilled(in SpillEvent spill) =>
        Notify(nameof(IComputeObserver.OnSpilled), spill, static (o, s) => o.OnSpilled(s));

    public bool Restored(in SpillEvent restore) =>
        Notify(nameof(IComputeObserver.OnRestored), restore, static (o, r) => o.OnRestored(r));

    public bool MemorySummary(MemorySummary summary) =>
        Notify(nameof(IComputeObserver.OnMemorySummary), summary, static (o, s) => o.OnMemorySummary(s));

    public bool RunFinished(ComputeRun run, Exception? error) =>
        Notify(nameof(IComputeObserver.OnRunFinished), (run, error), static (o, a) => o.OnRunFinished(a.run, a.error));

    /// <summary>Calls every observer; returns false when one threw (the fault handler has it then).</summary>
    private bool Notify<T>(string eventName, T argument, Action<IComputeObserver, T> call)
    {
        var ok = true;
        foreach (var observer in _observers)
        {
            try
            {
                call(observer, argument);
            }
            catch (Exception e)
            {
                ok = false;
                _fault(new ObserverFailedException(observer, eventName, e));
            }
        }
        return ok;
    }
}
