namespace Tessera;

/// <summary>Which executor runs a task graph.</summary>
public enum SchedulerKind
{
    /// <summary>A pool of worker threads (one per core by default). The default.</summary>
    Threaded,

    /// <summary>The calling thread alone, in a deterministic order. Use it for debugging and profiling.</summary>
    Synchronous,
}
