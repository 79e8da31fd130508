using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Tessera.Distributed.Protocol;

namespace Tessera.Distributed.Worker;

/// <summary>Turns an Orleans silo into a Tessera worker (or, without settings, into a member that only places workers).</summary>
public static class WorkerSiloExtensions
{
    /// <summary>Hosts a Tessera worker in this silo: its task threads and its grain.</summary>
    public static ISiloBuilder AddTesseraWorker(this ISiloBuilder silo, WorkerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        silo.Services.AddSingleton(settings);
        silo.Services.AddSingleton<WorkerRuntime>();
        return silo.AddTesseraPlacement();
    }

    /// <summary>
    /// Lets this silo place worker grains (every silo of a Tessera cluster needs it, since placement
    /// is decided where a call enters the cluster) without hosting a worker itself.
    /// </summary>
    public static ISiloBuilder AddTesseraPlacement(this ISiloBuilder silo)
    {
        silo.Services.AddPlacementDirector<WorkerPlacement, WorkerPlacementDirector>();
        return silo;
    }
}
