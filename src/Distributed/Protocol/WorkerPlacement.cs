using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Tessera.Distributed.Protocol;

/// <summary>
/// Places a worker grain on the silo its key names, and nowhere else: a worker's data and threads
/// belong to its process, so when that silo is gone the grain must not quietly reappear elsewhere
/// as an empty worker. Calls to a gone worker fail instead, which the client reads as a lost worker.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
internal sealed class WorkerPlacement : PlacementStrategy
{
}

/// <summary>Marks a grain class as placed by <see cref="WorkerPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class WorkerPlacementAttribute() : PlacementAttribute(new WorkerPlacement())
{
}

/// <summary>Chooses the silo named by the grain key (a silo address in its parsable form).</summary>
internal sealed class WorkerPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString()!;
        var wanted = SiloAddress.FromParsableString(key);
        foreach (var silo in context.GetCompatibleSilos(target))
        {
            if (silo.Equals(wanted))
            {
                return Task.FromResult(silo);
            }
        }
        throw new WorkerLostException(key, "its silo is no longer in the cluster");
    }
}
