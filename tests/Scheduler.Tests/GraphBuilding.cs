using Tessera.Scheduling;

namespace Tessera.Scheduler.Tests;

/// <summary>Small helpers to draw graphs in tests: integer-valued tasks that add their inputs.</summary>
internal static class GraphBuilding
{
    /// <summary>A task whose result is the sum of its inputs plus one.</summary>
    public static TaskDefinition Sum1(string key, params string[] deps) =>
        TaskDefinition.Call(key, key.Split('-')[0], args =>
        {
            var total = 1;
            foreach (var a in args)
            {
                total += (int)a!;
            }
            return total;
        }, [.. deps.Select(TaskArg.Ref)]);

    /// <summary>Keys "root-0" .. "root-{n-1}" feeding a tree of "sum" tasks with fan-in <paramref name="fanIn"/>.</summary>
    public static (TaskGraph Graph, string Top, int Depth) RootsIntoTree(int roots, int fanIn)
    {
        var graph = new TaskGraph();
        var level = Enumerable.Range(0, roots).Select(i => $"root-{i}").ToList();
        foreach (var key in level)
        {
            graph.Add(Sum1(key));
        }
        var depth = 0;
        while (level.Count > 1)
        {
            depth++;
            var next = new List<string>();
            for (var i = 0; i < level.Count; i += fanIn)
            {
                var key = $"sum-{depth}-{i / fanIn}";
                graph.Add(Sum1(key, [.. level.Skip(i).Take(fanIn)]));
                next.Add(key);
            }
            level = next;
        }
        return (graph, level[0], depth);
    }
}
