namespace Tessera.Scheduling;

/// <summary>What a worker must do next, as <see cref="ReadyQueue.TakeNext(int)"/> decides under its lock.</summary>
internal enum NextKind : byte
{
    /// <summary>Run <see cref="Next.Task"/>.</summary>
    Run,

    /// <summary>Write the results the host tier chose for this worker to disk first.</summary>
    Spill,

    /// <summary>Copy the device results the device tier chose for this worker to host first.</summary>
    Move,

    /// <summary>The run is over for this worker: everything finished, or the run stopped.</summary>
    Done,
}

/// <summary>A worker's next step: a kind, and the task when the kind is <see cref="NextKind.Run"/> (else -1).</summary>
internal readonly record struct Next(NextKind Kind, int Task)
{
    public static Next Done => new(NextKind.Done, -1);

    public static Next Spill => new(NextKind.Spill, -1);

    public static Next Move => new(NextKind.Move, -1);

    public static Next Run(int task) => new(NextKind.Run, task);
}
