using Orleans.Concurrency;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Worker;

/// <summary>
/// The grain face of a worker: every method returns at once, handing work to
/// <see cref="WorkerRuntime"/> (the silo's singleton, so a reactivated grain sees the same data).
/// Reentrant, because no call here waits on another.
/// </summary>
[WorkerPlacement]
[Reentrant]
internal sealed class WorkerGrain(WorkerRuntime runtime) : Grain, IWorkerGrain
{
    public Task<WorkerInfo> Attach(Guid client, string secret, CodeAssembly[] code, IClientCallbacks callbacks) =>
        Task.FromResult(runtime.Attach(client, secret, code, callbacks));

    public Task Detach(Guid client) => runtime.Detach(client);

    public Task LoadGraph(Guid client, string run, byte[] payload)
    {
        runtime.LoadGraph(client, run, payload);
        return Task.CompletedTask;
    }

    public Task DropGraph(Guid client, string run)
    {
        runtime.DropGraph(client, run);
        return Task.CompletedTask;
    }

    public Task Run(Guid client, TaskSpec[] tasks)
    {
        runtime.Enqueue(client, tasks);
        return Task.CompletedTask;
    }

    public Task<DataReply> GetData(Guid client, string[] keys) => Task.FromResult(runtime.GetData(client, keys));

    public Task PeerLost(string worker)
    {
        runtime.PeerLost(worker);
        return Task.CompletedTask;
    }

    public Task Release(Guid client, string[] keys)
    {
        runtime.Release(client, keys);
        return Task.CompletedTask;
    }
}
