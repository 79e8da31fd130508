namespace Tessera.Scheduling;

/// <summary>Replaces remote constants in a graph by their values, for runs in this process.</summary>
public static class RemoteResults
{
    /// <summary>
    /// <paramref name="graph"/> itself when no constant is an <see cref="IRemoteResult"/>; otherwise
    /// a copy in which each is replaced by its value, fetched in one call per source.
    /// </summary>
    public static TaskGraph Resolve(TaskGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var remote = graph.Tasks.Where(t => t.IsConstant && t.ConstantValue is IRemoteResult).ToList();
        if (remote.Count == 0)
        {
            return graph;
        }
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var group in remote.GroupBy(t => ((IRemoteResult)t.ConstantValue!).Source))
        {
            var tasks = group.ToList();
            var fetched = group.Key.Fetch([.. tasks.Select(t => (IRemoteResult)t.ConstantValue!)]);
            for (var i = 0; i < tasks.Count; i++)
            {
                values[tasks[i].Key] = fetched[i];
            }
        }
        return new TaskGraph(graph.Tasks.Select(t =>
            values.TryGetValue(t.Key, out var value) ? TaskDefinition.Constant(t.Key, value, t.Kind) : t));
    }
}
