namespace Tessera.Scheduling;

/// <summary>
/// Static task priorities, in the spirit of dask.order.
///
/// Goal: hold few results at once. A reduction over 10,000 loaded chunks should keep a
/// handful of chunks in memory, not all 10,000. The rule that gets there is "finish what
/// you started before you open something new": priorities come from a post-order
/// depth-first walk from the requested results, so a task's whole subtree is ordered
/// before its siblings' subtrees, and a combine runs as soon as its inputs exist.
///
/// Within a task, deeper dependencies are walked first (the Sethi–Ullman rule for
/// expression trees: finishing the long branch first means the short branches' results
/// are held for less time). Ties keep argument order, so orderings are reproducible.
///
/// The executors use these ranks with a LIFO ready stack: newly ready tasks go on top,
/// lowest rank topmost, which on one worker reproduces this order exactly.
/// </summary>
internal static class GraphOrdering
{
    /// <summary>Rank of each task: 0 runs first.</summary>
    public static int[] Rank(CompiledGraph graph)
    {
        var n = graph.Count;
        var deps = DeepestFirst(graph, Heights(graph));
        var rank = new int[n];
        var visited = new bool[n];
        var next = 0;
        // Frames of the walk: a task and the position of its next dependency in the CSR arrays.
        var stack = new Stack<(int Task, int Position)>();

        void Walk(int start)
        {
            if (visited[start])
            {
                return;
            }
            visited[start] = true;
            stack.Push((start, graph.DepStart[start]));
            while (stack.TryPop(out var frame))
            {
                if (frame.Position < graph.DepStart[frame.Task + 1])
                {
                    var dep = deps[frame.Position];
                    stack.Push((frame.Task, frame.Position + 1));
                    if (!visited[dep])
                    {
                        visited[dep] = true;
                        stack.Push((dep, graph.DepStart[dep]));
                    }
                }
                else
                {
                    rank[frame.Task] = next++;
                }
            }
        }

        foreach (var output in graph.Outputs)
        {
            Walk(output);
        }
        // Tasks nobody asked for but that run anyway (unculled graphs): from each sink, in graph order.
        for (var t = 0; t < n; t++)
        {
            if (graph.Dependents(t).IsEmpty)
            {
                Walk(t);
            }
        }
        return rank;
    }

    /// <summary>A copy of the dependency lists with each task's dependencies sorted deepest first (stable).</summary>
    private static int[] DeepestFirst(CompiledGraph graph, int[] height)
    {
        var deps = (int[])graph.DepTargets.Clone();
        for (var t = 0; t < graph.Count; t++)
        {
            // Insertion sort: dependency lists are short and the sort must be stable.
            for (int i = graph.DepStart[t] + 1, end = graph.DepStart[t + 1]; i < end; i++)
            {
                var d = deps[i];
                var j = i - 1;
                for (; j >= graph.DepStart[t] && height[deps[j]] < height[d]; j--)
                {
                    deps[j + 1] = deps[j];
                }
                deps[j + 1] = d;
            }
        }
        return deps;
    }

    /// <summary>Longest path from each task down to a task without dependencies (roots have height 0).</summary>
    private static int[] Heights(CompiledGraph graph)
    {
        var n = graph.Count;
        var height = new int[n];
        var waiting = new int[n];
        var ready = new Stack<int>();
        for (var t = 0; t < n; t++)
        {
            waiting[t] = graph.Dependencies(t).Length;
            if (waiting[t] == 0)
            {
                ready.Push(t);
            }
        }
        while (ready.TryPop(out var t))
        {
            foreach (var d in graph.Dependents(t))
            {
                height[d] = Math.Max(height[d], height[t] + 1);
                if (--waiting[d] == 0)
                {
                    ready.Push(d);
                }
            }
        }
        return height;
    }
}
