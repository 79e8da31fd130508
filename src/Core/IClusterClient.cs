namespace Tessera;

/// <summary>
/// A connection to a cluster that can run whole task graphs (Tessera.Distributed's <c>Client</c>).
/// Core only names it, so that <see cref="ComputeOptions.Client"/> can hold one without Core
/// referencing the distributed layer; the scheduler dispatches a graph to it through
/// <c>Tessera.Scheduling.IGraphExecutor</c>, which a real client also implements.
/// </summary>
public interface IClusterClient
{
    /// <summary>Where the client is connected, for messages ("127.0.0.1:30000").</summary>
    string Address { get; }
}
