namespace Tessera.Scheduling;

internal sealed partial class CompiledGraph
{
    /// <summary>
    /// Kahn's algorithm: tasks never freed of their dependencies lie on or behind a cycle.
    /// Then one cycle is walked out explicitly so the error can name its keys in order.
    /// </summary>
    private void ThrowIfCyclic()
    {
        var n = Count;
        var waiting = new int[n];
        var stack = new Stack<int>();
        for (var t = 0; t < n; t++)
        {
            waiting[t] = DepStart[t + 1] - DepStart[t];
            if (waiting[t] == 0)
            {
                stack.Push(t);
            }
        }
        var freed = 0;
        while (stack.TryPop(out var t))
        {
            freed++;
            foreach (var d in Dependents(t))
            {
                if (--waiting[d] == 0)
                {
                    stack.Push(d);
                }
            }
        }
        if (freed == n)
        {
            return;
        }

        // Every stuck task has a stuck dependency, so following stuck dependencies must revisit a task.
        var start = Array.FindIndex(waiting, w => w > 0);
        var seenAt = new Dictionary<int, int>();
        var path = new List<int>();
        var current = start;
        while (!seenAt.ContainsKey(current))
        {
            seenAt[current] = path.Count;
            path.Add(current);
            foreach (var dep in Dependencies(current))
            {
                if (waiting[dep] > 0)
                {
                    current = dep;
                    break;
                }
            }
        }
        var cycle = path.Skip(seenAt[current]).Select(t => Keys[t]).Append(Keys[current]).ToArray();
        throw new GraphValidationException(
            $"The graph has a cycle: {string.Join(" -> ", cycle)} (each task needs the next). " +
            "A task cannot depend on its own result; break the cycle.",
            cycle);
    }
}
