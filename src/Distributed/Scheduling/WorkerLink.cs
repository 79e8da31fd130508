using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Scheduling;

/// <summary>The scheduler's view of one worker: what runs there, what it holds, what waits to be sent.</summary>
internal sealed class WorkerLink(string key, IWorkerGrain grain, WorkerInfo info)
{
    public string Key { get; } = key;
    public IWorkerGrain Grain { get; } = grain;
    public WorkerInfo Info { get; } = info;
    public bool Alive { get; set; } = true;
    public HashSet<TaskRecord> Running { get; } = [];
    public HashSet<TaskRecord> Holding { get; } = [];
    public List<TaskRecord> Outbox { get; } = [];

    /// <summary>Tasks per thread: the placement load measure.</summary>
    public double Load => (double)Running.Count / Math.Max(1, Info.Threads);
}
