namespace Tessera.Diagnostics;

/// <summary>
/// Places a graph's tasks for drawing: a task's column is the length of the longest dependency
/// path into it (sources at 0), its row its position among the tasks of that column. Simple and
/// linear in the edges, and for the graphs Tessera builds (maps feeding reduction trees) it reads
/// like dask's layered pictures. Cycles cannot occur (the scheduler rejects them).
/// </summary>
internal static class GraphLayout
{
    /// <summary>Column and row per task.</summary>
    public static (int[] Column, int[] Row) Place(RunGraph graph)
    {
        var column = new int[graph.Count];
        Array.Fill(column, -1);
        var stack = new Stack<(int Task, bool Expanded)>();
        for (var root = 0; root < graph.Count; root++)
        {
            if (column[root] >= 0)
            {
                continue;
            }
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (task, expanded) = stack.Pop();
                if (column[task] >= 0)
                {
                    continue;
                }
                if (!expanded)
                {
                    stack.Push((task, true));
                    foreach (var dep in graph.Dependencies(task))
                    {
                        if (column[dep] < 0)
                        {
                            stack.Push((dep, false));
                        }
                    }
                    continue;
                }
                var deepest = -1;
                foreach (var dep in graph.Dependencies(task))
                {
                    deepest = Math.Max(deepest, column[dep]);
                }
                column[task] = deepest + 1;
            }
        }
        var row = new int[graph.Count];
        var filled = new Dictionary<int, int>();
        for (var t = 0; t < graph.Count; t++)
        {
            row[t] = filled.GetValueOrDefault(column[t]);
            filled[column[t]] = row[t] + 1;
        }
        return (column, row);
    }
}
