namespace Tessera.Distributed;

/// <summary>How <see cref="LocalCluster.StartAsync"/> sets up workers on this machine.</summary>
public sealed record LocalClusterOptions
{
    /// <summary>Worker processes to start; at least 1. Defaults to one per core.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Threads each worker runs tasks on; at least 1.</summary>
    public int ThreadsPerWorker { get; init; } = 1;

    /// <summary>
    /// The worker program (<c>tessera-worker.dll</c>); null looks beside this application, then in
    /// the <c>TESSERA_WORKER_PATH</c> environment variable.
    /// </summary>
    public string? WorkerPath { get; init; }

    /// <summary>The shared secret; null generates a random one (the usual choice for a local cluster).</summary>
    public string? Secret { get; init; }

    /// <summary>Starts a new worker when one dies, as dask's nanny does. True unless set.</summary>
    public bool RestartWorkers { get; init; } = true;

    /// <summary>How long to wait for the workers to start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
