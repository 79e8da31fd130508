namespace Tessera.Scheduling;

public static partial class GraphOptimizer
{
    /// <summary>
    /// Fuses linear chains into one task: where task A has exactly one dependent B, B has
    /// exactly one dependency A, and A is not a requested result, A and B become one task
    /// under B's key (so B's dependents need no rewrite). A fused task runs its links in a
    /// loop, not nested calls, so chains of any length cannot overflow the stack.
    /// </summary>
    public static TaskGraph FuseLinearChains(TaskGraph graph, IReadOnlyCollection<string> outputs)
    {
        var keep = outputs as ISet<string> ?? new HashSet<string>(outputs, StringComparer.Ordinal);

        // dependents[k]: the tasks that use k (only the first two matter: "exactly one" is the question).
        var dependentCount = new Dictionary<string, int>(graph.Count, StringComparer.Ordinal);
        var soleDependent = new Dictionary<string, TaskDefinition>(graph.Count, StringComparer.Ordinal);
        foreach (var task in graph.Tasks)
        {
            foreach (var dep in task.Dependencies)
            {
                dependentCount[dep] = dependentCount.GetValueOrDefault(dep) + 1;
                soleDependent[dep] = task;
            }
        }

        // The one dependency of b when the edge (dependency -> b) may be fused, else null.
        string? FusableParent(TaskDefinition b)
        {
            if (b.IsConstant)
            {
                return null;
            }
            if (b.Dependencies.Count != 1)
            {
                return null;
            }
            var only = b.Dependencies[0];
            return !keep.Contains(only)
                && dependentCount.GetValueOrDefault(only) == 1
                && graph.TryGet(only, out var a) && !a.IsConstant
                ? only
                : null;
        }

        // A task is mid-chain when its sole dependent would absorb it.
        bool IsMidChain(TaskDefinition task) =>
            soleDependent.TryGetValue(task.Key, out var dependent)
            && dependentCount[task.Key] == 1
            && FusableParent(dependent) == task.Key;

        var absorbed = new HashSet<string>(StringComparer.Ordinal);
        var fused = new Dictionary<string, TaskDefinition>(StringComparer.Ordinal);
        foreach (var bottom in graph.Tasks)
        {
            if (FusableParent(bottom) is null || IsMidChain(bottom))
            {
                continue;
            }
            var chain = new List<TaskDefinition> { bottom };
            for (var parent = FusableParent(bottom); parent is not null; parent = FusableParent(chain[^1]))
            {
                chain.Add(graph[parent]);
                absorbed.Add(parent);
            }
            chain.Reverse();
            fused[bottom.Key] = FusedChain.Build(chain);
        }

        if (fused.Count == 0)
        {
            return graph;
        }
        var result = new TaskGraph();
        foreach (var task in graph.Tasks)
        {
            if (!absorbed.Contains(task.Key))
            {
                result.Add(fused.GetValueOrDefault(task.Key) ?? task);
            }
        }
        return result;
    }
}
