using Tessera.Scheduling;

namespace Tessera.Bags.Plan;

/// <summary>
/// Collects the tasks one computation needs. Nodes add their tasks on demand and only once:
/// <see cref="Has"/> tells a node its task is already there (shared by two users), so building
/// a task twice never happens and keys stay unique.
/// </summary>
internal sealed class GraphBuilder
{
    public TaskGraph Graph { get; } = new();

    public bool Has(string key) => Graph.Contains(key);

    public void Add(TaskDefinition task)
    {
        if (!Graph.Contains(task.Key))
        {
            Graph.Add(task);
        }
    }

    /// <summary>Adds every task of <paramref name="other"/> this graph lacks (a Delayed's graph).</summary>
    public void Merge(TaskGraph other) => Graph.Merge(other);
}
