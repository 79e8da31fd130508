using Tessera.Scheduling;

namespace Tessera.Diagnostics.Tests;

/// <summary>Graphs for the tests: n "work" tasks (each sleeping a while, so a browser can watch) summed by a tree of "add"s.</summary>
internal static class SampleGraphs
{
    /// <summary>2n − 1 tasks: n work tasks of <paramref name="workMs"/> each, then a binary tree of adds. Returns the graph and its top key.</summary>
    public static (TaskGraph Graph, string Top) Tree(int n, int workMs = 0) => Tree(n, workMs, gate: null);

    /// <summary>As <see cref="Tree(int, int)"/>, but each work task first waits for a permit of <paramref name="gate"/>: the test decides how far the run gets.</summary>
    public static (TaskGraph Graph, string Top) Tree(int n, SemaphoreSlim gate) => Tree(n, 0, gate);

    private static (TaskGraph Graph, string Top) Tree(int n, int workMs, SemaphoreSlim? gate)
    {
        var graph = new TaskGraph();
        var level = new List<string>(n);
        for (var i = 0; i < n; i++)
        {
            var key = $"work-{i}";
            graph.Add(key, "work", a =>
            {
                if (workMs > 0)
                {
                    Thread.Sleep(workMs);
                }
                if (gate is not null && !gate.Wait(TimeSpan.FromMinutes(1)))
                {
                    throw new TimeoutException("The test never let this task go on.");
                }
                return (long)a[0]! + 1;
            }, TaskArg.Literal((long)i));
            level.Add(key);
        }
        for (var depth = 1; level.Count > 1; depth++)
        {
            var next = new List<string>();
            for (var j = 0; j < level.Count; j += 2)
            {
                if (j + 1 == level.Count)
                {
                    next.Add(level[j]);
                    continue;
                }
                var key = $"add-{depth}-{j / 2}";
                graph.Add(key, "add", static a => (long)a[0]! + (long)a[1]!, TaskArg.Ref(level[j]), TaskArg.Ref(level[j + 1]));
                next.Add(key);
            }
            level = next;
        }
        return (graph, level[0]);
    }

    /// <summary>The sum the tree computes: 1 + 2 + … + n.</summary>
    public static long Sum(int n) => (long)n * (n + 1) / 2;

    /// <summary>Options with <paramref name="observer"/> and two workers.</summary>
    public static ComputeOptions With(IComputeObserver observer) => new() { MaxDegreeOfParallelism = 2, Observers = [observer] };
}
