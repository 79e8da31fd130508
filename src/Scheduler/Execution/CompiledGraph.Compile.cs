namespace Tessera.Scheduling;

internal sealed partial class CompiledGraph
{
    /// <summary>
    /// Indexes <paramref name="graph"/> and checks it: every referenced key must exist and the
    /// graph must be acyclic. <paramref name="outputs"/> must name tasks of the graph.
    /// </summary>
    public static CompiledGraph Compile(TaskGraph graph, IReadOnlyList<string> outputs)
    {
        var n = graph.Count;
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var keys = new string[n];
        var kinds = new string[n];
        var functions = new TaskFunction?[n];
        var constants = new object?[n];
        var argStart = new int[n + 1];
        var i = 0;
        foreach (var task in graph.Tasks)
        {
            index[task.Key] = i;
            keys[i] = task.Key;
            kinds[i] = task.Kind;
            functions[i] = task.Function;
            constants[i] = task.ConstantValue;
            argStart[i + 1] = argStart[i] + task.Args.Count;
            i++;
        }

        var argTask = new int[argStart[n]];
        var argLiteral = new object?[argStart[n]];
        List<string>? missing = null;
        i = 0;
        foreach (var task in graph.Tasks)
        {
            var position = argStart[i];
            foreach (var arg in task.Args)
            {
                argTask[position] = -1;
                if (!arg.IsReference)
                {
                    argLiteral[position] = arg.Value;
                }
                else if (index.TryGetValue(arg.Key!, out var dep))
                {
                    argTask[position] = dep;
                }
                else
                {
                    (missing ??= []).Add($"'{task.Key}' needs '{arg.Key}'");
                }
                position++;
            }
            i++;
        }
        if (missing is not null)
        {
            throw new GraphValidationException(
                $"{missing.Count} dependenc{(missing.Count == 1 ? "y is" : "ies are")} missing from the graph: " +
                $"{string.Join("; ", missing.Take(5))}{(missing.Count > 5 ? "; ..." : "")}. " +
                "Add the missing tasks, or build the graph from the collections that define them.",
                missing);
        }

        var outputIndexes = new int[outputs.Count];
        for (var o = 0; o < outputs.Count; o++)
        {
            outputIndexes[o] = index.TryGetValue(outputs[o], out var t)
                ? t
                : throw new KeyNotFoundException(
                    $"Requested result '{outputs[o]}' is not a task of the graph ({n} tasks).");
        }
        var compiled = Build(keys, kinds, functions, constants, argStart, argTask, argLiteral, outputIndexes);
        compiled.ThrowIfCyclic();
        return compiled;
    }

    /// <summary>
    /// A compiled graph from per-task arrays and per-argument sources (task index or -1 for a
    /// literal); derives the unique dependency lists and their inverse.
    /// </summary>
    internal static CompiledGraph Build(string[] keys, string[] kinds, TaskFunction?[] functions, object?[] constants,
        int[] argStart, int[] argTask, object?[] argLiteral, int[] outputs)
    {
        var n = keys.Length;
        var depStart = new int[n + 1];
        var depTargets = new List<int>(argTask.Length);
        for (var t = 0; t < n; t++)
        {
            for (var p = argStart[t]; p < argStart[t + 1]; p++)
            {
                var dep = argTask[p];
                if (dep >= 0 && !ContainsFrom(depTargets, depStart[t], dep))
                {
                    depTargets.Add(dep);
                }
            }
            depStart[t + 1] = depTargets.Count;
        }
        var deps = depTargets.ToArray();
        var (dependentStart, dependentTargets) = Invert(depStart, deps, n);
        return new CompiledGraph
        {
            Keys = keys,
            Kinds = kinds,
            Functions = functions,
            ConstantValues = constants,
            ArgStart = argStart,
            ArgTask = argTask,
            ArgLiteral = argLiteral,
            DepStart = depStart,
            DepTargets = deps,
            DependentStart = dependentStart,
            DependentTargets = dependentTargets,
            Outputs = outputs,
        };
    }

    private static bool ContainsFrom(List<int> list, int from, int value)
    {
        for (var j = from; j < list.Count; j++)
        {
            if (list[j] == value)
            {
                return true;
            }
        }
        return false;
    }

    private static (int[] Start, int[] Targets) Invert(int[] depStart, int[] deps, int n)
    {
        var start = new int[n + 1];
        foreach (var d in deps)
        {
            start[d + 1]++;
        }
        for (var t = 0; t < n; t++)
        {
            start[t + 1] += start[t];
        }
        var fill = start[..n];
        var targets = new int[deps.Length];
        for (var t = 0; t < n; t++)
        {
            for (var j = depStart[t]; j < depStart[t + 1]; j++)
            {
                targets[fill[deps[j]]++] = t;
            }
        }
        return (start, targets);
    }
}
