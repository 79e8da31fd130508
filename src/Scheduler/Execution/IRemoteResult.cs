namespace Tessera.Scheduling;

/// <summary>
/// A task result kept somewhere other than this process (a block persisted on a cluster's
/// workers). Collections put these in their graphs as constants; the cluster that holds one reads
/// it where it lies, and any other run fetches it first (<see cref="RemoteResults.Resolve"/>).
/// </summary>
public interface IRemoteResult
{
    /// <summary>Where the result lives: what can bring it here.</summary>
    IRemoteResultSource Source { get; }
}

/// <summary>Brings remote results to this process (a cluster client).</summary>
public interface IRemoteResultSource
{
    /// <summary>The values of <paramref name="results"/> (all of this source), in the same order.</summary>
    object?[] Fetch(IReadOnlyList<IRemoteResult> results);
}
