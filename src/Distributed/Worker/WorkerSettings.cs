namespace Tessera.Distributed.Worker;

/// <summary>How a worker silo runs tasks: its thread count and the secret clients must present.</summary>
public sealed record WorkerSettings
{
    /// <summary>Threads that run tasks (outside any grain turn); at least 1.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The cluster's shared secret; a client that presents another is refused.</summary>
    public required string Secret { get; init; }

    /// <summary>A name for messages ("worker-1").</summary>
    public string Name { get; init; } = "worker";

    /// <summary>Results up to this many bytes travel with the completion notice, so gathering them costs no extra call.</summary>
    public int InlineResultLimit { get; init; } = 64 * 1024;
}
