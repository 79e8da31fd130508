namespace Tessera.Scheduling;

/// <summary>
/// Rewrites of a task graph before it runs, in the order <see cref="Optimize"/> applies them:
/// cull to what the requested keys need, inline constants into their users, fuse linear
/// chains. Each pass returns a new graph and keeps every requested key.
/// </summary>
public static partial class GraphOptimizer
{
    /// <summary>All passes, in order: <see cref="Cull"/>, <see cref="InlineConstants"/>, <see cref="FuseLinearChains"/>.</summary>
    public static TaskGraph Optimize(TaskGraph graph, IReadOnlyCollection<string> outputs)
    {
        var culled = Cull(graph, outputs);
        var inlined = InlineConstants(culled, outputs);
        return FuseLinearChains(inlined, outputs);
    }

    /// <summary>The tasks that <paramref name="outputs"/> need, directly or indirectly, and nothing else.</summary>
    public static TaskGraph Cull(TaskGraph graph, IReadOnlyCollection<string> outputs)
    {
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        foreach (var key in outputs)
        {
            if (!graph.Contains(key))
            {
                throw new KeyNotFoundException($"Requested result '{key}' is not a task of the graph ({graph.Count} tasks).");
            }
            if (needed.Add(key))
            {
                pending.Push(key);
            }
        }
        while (pending.TryPop(out var key))
        {
            if (!graph.TryGet(key, out var task))
            {
                continue; // a missing dependency: validation at compile time names it
            }
            foreach (var arg in task.Args)
            {
                if (arg.IsReference && needed.Add(arg.Key!))
                {
                    pending.Push(arg.Key!);
                }
            }
        }
        if (needed.Count == graph.Count)
        {
            return graph; // nothing to cull: skip the copy
        }
        // Keep the original insertion order: it is the tie-break of ordering and keeps runs reproducible.
        return new TaskGraph(graph.Tasks.Where(t => needed.Contains(t.Key)));
    }

    /// <summary>
    /// Replaces references to constant tasks by the constants themselves, so a constant costs
    /// no task of its own. Constants that are requested results stay.
    /// </summary>
    public static TaskGraph InlineConstants(TaskGraph graph, IReadOnlyCollection<string> outputs)
    {
        if (!graph.Tasks.Any(t => t.IsConstant))
        {
            return graph;
        }
        var keep = outputs as ISet<string> ?? new HashSet<string>(outputs, StringComparer.Ordinal);
        var result = new TaskGraph();
        foreach (var task in graph.Tasks)
        {
            if (task.IsConstant)
            {
                if (keep.Contains(task.Key))
                {
                    result.Add(task);
                }
                continue;
            }
            var args = task.Args;
            TaskArg[]? rewritten = null;
            for (var i = 0; i < args.Count; i++)
            {
                if (args[i].IsReference && graph.TryGet(args[i].Key!, out var dep) && dep.IsConstant)
                {
                    rewritten ??= [.. args];
                    rewritten[i] = TaskArg.Literal(dep.ConstantValue);
                }
            }
            result.Add(rewritten is null ? task : TaskDefinition.Call(task.Key, task.Kind, task.Function!, rewritten));
        }
        return result;
    }
}
