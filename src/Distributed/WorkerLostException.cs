namespace Tessera.Distributed;

/// <summary>A worker left the cluster (its process ended or stopped answering).</summary>
[GenerateSerializer]
public sealed class WorkerLostException : Exception
{
    /// <summary>Creates the exception for the worker at <paramref name="worker"/>.</summary>
    public WorkerLostException(string worker, string reason)
        : base($"Worker {worker} is gone: {reason}.")
    {
        Worker = worker;
    }

    /// <summary>The worker's address.</summary>
    [Id(0)]
    public string Worker { get; }
}
