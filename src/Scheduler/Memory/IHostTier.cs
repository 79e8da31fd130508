namespace Tessera.Scheduling;

/// <summary>What <see cref="HostTier.AdmitRoot"/> decides for a root task on top of the ready stack.</summary>
internal enum RootAdmission : byte
{
    /// <summary>It fits (or must run alone): start it.</summary>
    Start,

    /// <summary>It does not fit yet: wait until a task finishes or a spill ends.</summary>
    Wait,

    /// <summary>Nothing runs that would free memory: this worker spills the victims chosen for it first.</summary>
    SpillFirst,
}

/// <summary>
/// The host memory tier (host ↔ disk) as the ready queue and the core loop call it. Members under
/// "the queue's lock" are called with <see cref="ReadyQueue.Gate"/> held and must be quick; the
/// others do I/O and take the lock themselves where they change result slots.
/// </summary>
internal interface IHostTier : IDisposable
{
    /// <summary>Under the queue's lock: whether memory is over the limit and victims were chosen for <paramref name="worker"/>.</summary>
    bool ChooseSpill(int worker);

    /// <summary>Under the queue's lock: whether root <paramref name="task"/> may start on <paramref name="worker"/> now.</summary>
    RootAdmission AdmitRoot(int task, int worker);

    /// <summary>Under the queue's lock: <paramref name="task"/> starts; its inputs become most recently used, the next task's spilled inputs are prefetched.</summary>
    void Started(int task);

    /// <summary>Under the queue's lock: a finished task's host result is now held.</summary>
    void Stored(int task, long bytes, bool spillable);

    /// <summary>Under the queue's lock: the last consumer of <paramref name="task"/>'s host result (or its spill handle) finished.</summary>
    void Released(int task, object? slot);

    /// <summary>Under the queue's lock: bytes of results held in host memory and spilled to disk now (for <see cref="RunMemoryGauge"/>).</summary>
    (long Held, long OnDisk) Levels { get; }

    /// <summary>Under the queue's lock: a root finished on <paramref name="worker"/>; its result size sets its kind's estimate.</summary>
    void RootFinished(int worker, long bytes);

    /// <summary>Under the queue's lock: whether roots wait for room (the flag is cleared: the caller wakes them).</summary>
    bool TakeRootsWaiting();

    /// <summary>Writes the victims chosen for <paramref name="worker"/> to disk and swaps their slots for handles.</summary>
    void Spill(int worker);

    /// <summary>
    /// Reads a spilled input of a starting task back into its slot. On failure the run stops with
    /// the error, the task counts as no longer running, and false is returned.
    /// </summary>
    bool TryRestore(int source, SpilledResult spilled, out object? value);

    /// <summary>After the workers stopped: the requested results, read back where they were spilled (null when that failed: the run has the error).</summary>
    object?[]? CollectOutputs();

    /// <summary>What the run did with memory; with the device tier's figures when it held results.</summary>
    MemorySummary Summary(DeviceLedger? devices);
}
