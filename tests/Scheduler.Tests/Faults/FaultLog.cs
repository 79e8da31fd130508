using System.Collections.Concurrent;

namespace Tessera.Scheduler.Tests.Faults;

/// <summary>
/// What a scenario injected, in the order it happened: each entry is logged just before the
/// throw or the cancel it names, so the first entry is the first fault the scheduler could see.
/// Also the threads that ran tasks or observer calls, to check none outlives the run.
/// </summary>
internal sealed class FaultLog
{
    private readonly ConcurrentQueue<(long Sequence, string Fault)> _entries = new();
    private readonly ConcurrentDictionary<Thread, bool> _threads = new();
    private long _sequence;

    public void Record(string fault) => _entries.Enqueue((Interlocked.Increment(ref _sequence), fault));

    public void Saw(Thread thread) => _threads.TryAdd(thread, true);

    /// <summary>Faults in the order they were injected.</summary>
    public string[] Faults => [.. _entries.OrderBy(e => e.Sequence).Select(e => e.Fault)];

    public IEnumerable<Thread> Threads => _threads.Keys;
}

/// <summary>An exception a scenario's task throws on purpose.</summary>
internal sealed class InjectedTaskException(int task) : Exception($"task {task} throws on purpose")
{
    public string Fault { get; } = $"task:{task}";
}

/// <summary>An exception the chaos observer throws on purpose.</summary>
internal sealed class InjectedObserverException(string eventName) : Exception($"the observer throws from {eventName} on purpose")
{
    public string Fault { get; } = $"observer:{eventName}";
}

/// <summary>
/// Scratch arrays tasks rent while they run and return in a finally, as array tasks do with
/// pooled blocks. A run that returned while a task still ran would leave one rented.
/// </summary>
internal sealed class LeasePool
{
    private int _leased;

    public int Leased => Volatile.Read(ref _leased);

    public byte[] Rent(int bytes)
    {
        Interlocked.Increment(ref _leased);
        return new byte[bytes];
    }

    public void Return(byte[] array) => Interlocked.Decrement(ref _leased);
}

/// <summary>
/// An observer that records the threads it is called on and throws once, on the n-th call of
/// one event, logging the fault first.
/// </summary>
internal sealed class ChaosObserver(FaultScenario scenario, FaultLog log) : IComputeObserver
{
    private int _calls;

    public void OnRunStarted(ComputeRun run) => Event(nameof(OnRunStarted));

    public void OnTaskStarted(in TaskEvent task) => Event(nameof(OnTaskStarted));

    public void OnTaskFinished(in TaskEvent task) => Event(nameof(OnTaskFinished));

    public void OnTaskFailed(in TaskEvent task, Exception error) => Event(nameof(OnTaskFailed));

    public void OnSpilled(in SpillEvent spill) => Event(nameof(OnSpilled));

    public void OnRestored(in SpillEvent restore) => Event(nameof(OnRestored));

    public void OnMemorySummary(MemorySummary summary) => Event(nameof(OnMemorySummary));

    public void OnRunFinished(ComputeRun run, Exception? error) => Event(nameof(OnRunFinished));

    private void Event(string name)
    {
        log.Saw(Thread.CurrentThread);
        if (name == scenario.ObserverThrowsOn &&
            (Interlocked.Increment(ref _calls) == scenario.ObserverThrowsAt || name is nameof(OnRunStarted) or nameof(OnMemorySummary) or nameof(OnRunFinished)))
        {
            log.Record($"observer:{name}");
            throw new InjectedObserverException(name);
        }
    }
}
