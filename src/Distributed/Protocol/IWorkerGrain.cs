using Orleans.Concurrency;

namespace Tessera.Distributed.Protocol;

/// <summary>
/// The one grain each worker silo hosts, keyed by its silo's address (see
/// <see cref="WorkerPlacementDirector"/>). Every call is short: tasks are queued to the worker's
/// own threads and reported back through <see cref="IClientCallbacks"/>, so no Orleans call
/// timeout ever applies to a long task.
/// </summary>
internal interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Registers a client: checks its secret, loads its code, keeps its callback.</summary>
    Task<WorkerInfo> Attach(Guid client, string secret, CodeAssembly[] code, IClientCallbacks callbacks);

    /// <summary>Forgets a client: its data and its load context go.</summary>
    Task Detach(Guid client);

    /// <summary>
    /// Keeps the calls of a whole graph run, written as one payload: closures of a collection's
    /// tasks share most of what they capture (grids, expression nodes), which is then sent and
    /// rebuilt once per worker instead of once per task.
    /// </summary>
    Task LoadGraph(Guid client, string run, byte[] payload);

    /// <summary>Forgets a graph run's calls.</summary>
    Task DropGraph(Guid client, string run);

    /// <summary>Queues tasks whose inputs all exist somewhere.</summary>
    Task Run(Guid client, TaskSpec[] tasks);

    /// <summary>Serialised values of <paramref name="keys"/> (for a peer worker or the client).</summary>
    Task<DataReply> GetData(Guid client, string[] keys);

    /// <summary>A peer worker is gone: fetches from it stop waiting and fail at once, so their tasks are recomputed.</summary>
    Task PeerLost(string worker);

    /// <summary>Drops held results the client no longer needs.</summary>
    Task Release(Guid client, string[] keys);
}

/// <summary>The client's side of the conversation: workers report finished tasks in batches.</summary>
internal interface IClientCallbacks : IGrainObserver
{
    /// <summary>Tasks that finished, failed, or could not find an input on <paramref name="worker"/>.</summary>
    [OneWay]
    Task Completed(string worker, TaskOutcome[] outcomes);
}
