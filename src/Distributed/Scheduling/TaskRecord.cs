namespace Tessera.Distributed.Scheduling;

/// <summary>Where a task is in its life on the cluster.</summary>
internal enum RecordStatus
{
    /// <summary>Some input is not in memory yet.</summary>
    Waiting,

    /// <summary>Ready, but no worker is there to take it.</summary>
    Unplaced,

    /// <summary>Sent to (or queued for) a worker.</summary>
    Processing,

    /// <summary>Its result is held by a worker.</summary>
    Memory,

    /// <summary>It failed (or an input failed).</summary>
    Erred,

    /// <summary>
    /// Its future was released and its result dropped from the workers; the record stays as
    /// lineage while a dependent may need it recomputed, and runs again only then.
    /// </summary>
    Released,
}

/// <summary>
/// The scheduler's record of one task: its lineage (payload and inputs, kept for as long as the
/// task is known, so a lost result can always be recomputed), where it runs or is held, and the
/// completion futures await. All fields are guarded by the scheduler's lock.
/// </summary>
internal sealed class TaskRecord(string key, string name, byte[] payload, TaskRecord[] inputs)
{
    /// <summary>The cluster-wide key (unique per client).</summary>
    public string Key { get; } = key;

    /// <summary>The key the user knows it by (a graph's own key), used in errors.</summary>
    public string Name { get; } = name;

    /// <summary>The task's own payload; empty for a task of a graph run, whose calls travel once per run.</summary>
    public byte[] Payload { get; } = payload;

    /// <summary>The graph run this task belongs to (its call is <see cref="GraphIndex"/> in the run's payload); null for a future.</summary>
    public string? GraphRun { get; init; }

    public int GraphIndex { get; init; }

    /// <summary>
    /// A task of a persisted graph run: unlike a plain run's, whose records are forgotten together
    /// when the run ends, it is released like a future's (its result dropped once unwanted and
    /// unread, the record kept as lineage while dependents exist).
    /// </summary>
    public bool Persisted { get; init; }

    public TaskRecord[] Inputs { get; } = inputs;
    public List<TaskRecord> Dependents { get; } = [];
    public RecordStatus Status { get; set; } = RecordStatus.Waiting;
    public WorkerLink? Worker { get; set; }
    public int MissingInputs { get; set; }

    /// <summary>The serialised result when small enough to come with the completion notice.</summary>
    public byte[]? Value { get; set; }
    public Exception? Error { get; set; }

    /// <summary>False once the client released its future (<see cref="Future{T}.Release"/>, or the future was collected).</summary>
    public bool Wanted { get; set; } = true;

    /// <summary>True once the scheduler forgot a released record that no task depends on.</summary>
    public bool Forgotten { get; set; }

    /// <summary>Workers that died while running this task (dask's "suspicious" count).</summary>
    public int Deaths { get; set; }

    /// <summary>Completes when the result first exists, or fails with the task's error.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
