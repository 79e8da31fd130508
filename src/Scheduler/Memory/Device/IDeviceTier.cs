namespace Tessera.Scheduling;

/// <summary>
/// The device tier (device ↔ host) as the ready queue and the core loop call it. Inactive, and
/// free, until a task returns a device-resident result. Members under "the queue's lock" are
/// called with <see cref="ReadyQueue.Gate"/> held; the others copy and free device memory.
/// </summary>
internal interface IDeviceTier
{
    /// <summary>True once a device result was stored (read without the lock on the hot path; set under it).</summary>
    bool Active { get; }

    /// <summary>The per-device accounts, once <see cref="Active"/>.</summary>
    DeviceLedger? Ledger { get; }

    /// <summary>Under the queue's lock: whether a device is over its limit and moves were chosen for <paramref name="worker"/>.</summary>
    bool ChooseMoves(int worker);

    /// <summary>Under the queue's lock: <paramref name="task"/> starts; its device inputs are in use (they do not move) and most recently used.</summary>
    void Started(int task);

    /// <summary>Under the queue's lock: a task that read <paramref name="task"/>'s result finished.</summary>
    void ReaderFinished(int task);

    /// <summary>Under the queue's lock: the last consumer finished; returns whether the slot held a device result counted here.</summary>
    bool Release(int task, object? slot);

    /// <summary>Under the queue's lock: a finished task's device result is now held.</summary>
    void Store(int task, IDeviceResident result, ResultKind kind);

    /// <summary>Copies the results chosen for <paramref name="worker"/> to host, swaps the copies in and frees the originals.</summary>
    void Move(int worker);

    /// <summary>
    /// Puts an argument that moved to host back on its device for the starting task (the copy is
    /// added to <paramref name="uploads"/>). On failure the run stops with the error, the task
    /// counts as no longer running, and false is returned.
    /// </summary>
    bool PrepareArgument(int source, ref object? argument, List<IDeviceResident> uploads);

    /// <summary>The task in hand finished: frees the copies made for it, except one it returned.</summary>
    void FreeUploads(List<IDeviceResident> uploads, object? result);
}
