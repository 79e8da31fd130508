namespace Tessera.Scheduling;

/// <summary>
/// The optimisation passes, on the compiled (integer-indexed) form so that a graph of a
/// million tasks is rewritten with array lookups, not key hashing:
/// <list type="bullet">
/// <item>cull: keep what the requested results need;</item>
/// <item>inline constants: a constant task that is not requested becomes a literal argument of its users;</item>
/// <item>fuse linear chains: where A's only user is B, B's only dependency is A and A is not
/// requested, A and B become one task under B's key (B's users need no rewrite).</item>
/// </list>
/// All three run in one rebuild of the arrays.
/// </summary>
internal static class GraphPasses
{
    [Flags]
    public enum Pass
    {
        Cull = 1,
        InlineConstants = 2,
        FuseLinearChains = 4,
        All = Cull | InlineConstants | FuseLinearChains,
    }

    public static CompiledGraph Apply(CompiledGraph g, Pass passes)
    {
        var n = g.Count;
        var isOutput = new bool[n];
        foreach (var o in g.Outputs)
        {
            isOutput[o] = true;
        }
        var keep = passes.HasFlag(Pass.Cull) ? Reachable(g) : Enumerable.Repeat(true, n).ToArray();
        var inline = passes.HasFlag(Pass.InlineConstants);
        // A remote result stays a task of its own: the cluster holding it maps that task to the
        // result where it lies, which it could not do once copied into its readers' arguments.
        bool Inlined(int t) => inline && g.Functions[t] is null && !isOutput[t] && g.ConstantValues[t] is not IRemoteResult;

        // Users of each task among the tasks that stay, counting each user once.
        var users = new int[n];
        for (var t = 0; t < n; t++)
        {
            if (keep[t] && !Inlined(t))
            {
                foreach (var d in g.Dependencies(t))
                {
                    if (!Inlined(d))
                    {
                        users[d]++;
                    }
                }
            }
        }

        // parent[b]: the task fused into b, or -1.
        var parent = new int[n];
        var absorbed = new bool[n];
        Array.Fill(parent, -1);
        if (passes.HasFlag(Pass.FuseLinearChains))
        {
            for (var b = 0; b < n; b++)
            {
                if (!keep[b] || g.Functions[b] is null)
                {
                    continue;
                }
                var only = -1;
                foreach (var d in g.Dependencies(b))
                {
                    if (Inlined(d))
                    {
                        continue;
                    }
                    if (only >= 0)
                    {
                        only = -2;
                        break;
                    }
                    only = d;
                }
                if (only >= 0 && !isOutput[only] && users[only] == 1 && g.Functions[only] is not null)
                {
                    parent[b] = only;
                    absorbed[only] = true;
                }
            }
        }

        return Rebuild(g, keep, absorbed, parent, Inlined);
    }

    private static bool[] Reachable(CompiledGraph g)
    {
        var keep = new bool[g.Count];
        var pending = new Stack<int>();
        foreach (var o in g.Outputs)
        {
            if (!keep[o])
            {
                keep[o] = true;
                pending.Push(o);
            }
        }
        while (pending.TryPop(out var t))
        {
            foreach (var d in g.Dependencies(t))
            {
                if (!keep[d])
                {
                    keep[d] = true;
                    pending.Push(d);
                }
            }
        }
        return keep;
    }

    private static CompiledGraph Rebuild(CompiledGraph g, bool[] keep, bool[] absorbed, int[] parent, Func<int, bool> inlined)
    {
        var n = g.Count;
        var newIndex = new int[n];
        var count = 0;
        for (var t = 0; t < n; t++)
        {
            newIndex[t] = keep[t] && !inlined(t) && !absorbed[t] ? count++ : -1;
        }

        var keys = new string[count];
        var kinds = new string[count];
        var functions = new TaskFunction?[count];
        var constants = new object?[count];
        var argStart = new int[count + 1];
        var argTask = new List<int>(g.ArgTask.Length);
        var argLiteral = new List<object?>(g.ArgTask.Length);
        for (var t = 0; t < n; t++)
        {
            var i = newIndex[t];
            if (i < 0)
            {
                continue;
            }
            keys[i] = g.Keys[t];
            var top = t;
            if (parent[t] < 0)
            {
                kinds[i] = g.Kinds[t];
                functions[i] = g.Functions[t];
                constants[i] = g.ConstantValues[t];
            }
            else
            {
                var chain = new List<int> { t };
                while (parent[chain[^1]] >= 0)
                {
                    chain.Add(parent[chain[^1]]);
                }
                chain.Reverse();
                top = chain[0];
                kinds[i] = string.Join("-", chain.Select(c => g.Kinds[c]).Distinct());
                functions[i] = new FusedChain(g.Functions[top]!, [.. chain.Skip(1).Select(link => Link(g, link, inlined))]).Run;
            }
            // The task's arguments are those of the top of its chain (itself when unfused).
            for (var p = g.ArgStart[top]; p < g.ArgStart[top + 1]; p++)
            {
                var source = g.ArgTask[p];
                var literal = source < 0 || inlined(source);
                argTask.Add(literal ? -1 : newIndex[source]);
                argLiteral.Add(source < 0 ? g.ArgLiteral[p] : literal ? g.ConstantValues[source] : null);
            }
            argStart[i + 1] = argTask.Count;
        }
        var outputs = g.Outputs.Select(o => newIndex[o]).ToArray();
        return CompiledGraph.Build(keys, kinds, functions, constants, argStart, [.. argTask], [.. argLiteral], outputs);
    }

    /// <summary>A later link of a chain: references are to the previous link; everything else is a literal.</summary>
    private static FusedChain.Link Link(CompiledGraph g, int task, Func<int, bool> inlined)
    {
        var start = g.ArgStart[task];
        var length = g.ArgStart[task + 1] - start;
        var literals = new object?[length];
        var fromPrevious = new bool[length];
        for (var k = 0; k < length; k++)
        {
            var source = g.ArgTask[start + k];
            if (source < 0)
            {
                literals[k] = g.ArgLiteral[start + k];
            }
            else if (inlined(source))
            {
                literals[k] = g.ConstantValues[source];
            }
            else
            {
                fromPrevious[k] = true;
            }
        }
        return new FusedChain.Link(g.Functions[task]!, literals, fromPrevious);
    }
}
