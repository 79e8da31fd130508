using Tessera.Scheduling;

namespace Tessera.Bags.Plan;

/// <summary>
/// Handles to partitions persisted on a cluster. Graph-only: task closures that reach a layer's
/// builder through the bag's plan do not carry the handles to the workers (each partition enters
/// the graph as a constant of its own).
/// </summary>
[GraphOnly]
internal sealed class RemotePartitions(IReadOnlyList<object?> handles)
{
    public int Count => handles.Count;

    public object? this[int partition] => handles[partition];
}
