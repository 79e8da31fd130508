using Tessera.Distributed.Protocol;
using Tessera.Distributed.Scheduling;

namespace Tessera.Distributed;

/// <summary>The object workers call back (an Orleans observer): hands their reports to the scheduler.</summary>
internal sealed class ClientCallbacks(ClusterScheduler scheduler) : IClientCallbacks
{
    public Task Completed(string worker, TaskOutcome[] outcomes)
    {
        scheduler.Completed(worker, outcomes);
        return Task.CompletedTask;
    }
}
