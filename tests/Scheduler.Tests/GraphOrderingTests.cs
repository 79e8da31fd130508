using Tessera.Scheduling;
using static Tessera.Scheduler.Tests.GraphBuilding;

namespace Tessera.Scheduler.Tests;

public class GraphOrderingTests
{
    private static Dictionary<string, int> Ranks(TaskGraph graph, params string[] outputs)
    {
        var compiled = CompiledGraph.Compile(graph, outputs);
        var rank = GraphOrdering.Rank(compiled);
        return compiled.Keys.Select((k, i) => (k, rank[i])).ToDictionary(p => p.k, p => p.Item2);
    }

    /// <summary>
    /// <code>
    ///  r1  r2  r3  r4
    ///   \  /    \  /
    ///    s1      s2
    ///      \    /
    ///        t
    /// </code>
    /// s1 runs before r3 opens: the started branch finishes first.
    /// </summary>
    [Fact]
    public void Rank_TwoBranches_FinishesTheStartedBranchBeforeOpeningNewRoots()
    {
        var graph = new TaskGraph().Add(Sum1("r1")).Add(Sum1("r2")).Add(Sum1("r3")).Add(Sum1("r4"))
            .Add(Sum1("s1", "r1", "r2")).Add(Sum1("s2", "r3", "r4")).Add(Sum1("t", "s1", "s2"));
        var rank = Ranks(graph, "t");
        Assert.Equal(["r1", "r2", "s1", "r3", "r4", "s2", "t"], rank.OrderBy(p => p.Value).Select(p => p.Key));
    }

    /// <summary>
    /// <code>
    ///   a1
    ///   |
    ///   a2   b1
    ///   |    |
    ///   a3   |
    ///    \  /
    ///     c
    /// </code>
    /// The deeper branch (a) goes first although b comes first in c's arguments, so b1's
    /// result is not held while the whole a-branch runs.
    /// </summary>
    [Fact]
    public void Rank_UnevenBranches_DeeperBranchFirst()
    {
        var graph = new TaskGraph().Add(Sum1("a1")).Add(Sum1("a2", "a1")).Add(Sum1("a3", "a2")).Add(Sum1("b1"))
            .Add(Sum1("c", "b1", "a3"));
        var rank = Ranks(graph, "c");
        Assert.Equal(["a1", "a2", "a3", "b1", "c"], rank.OrderBy(p => p.Value).Select(p => p.Key));
    }

    /// <summary>10,000 roots feeding a fan-in-8 tree (depth 5): on one worker the results held
    /// at once stay within depth × fan-in, not anywhere near the number of roots.</summary>
    [Theory]
    [InlineData(SchedulerKind.Synchronous)]
    [InlineData(SchedulerKind.Threaded)]
    public void Run_TenThousandRootsIntoTree_HoldsOnlyDepthTimesFanInResults(SchedulerKind kind)
    {
        const int roots = 10_000, fanIn = 8;
        var (graph, top, depth) = RootsIntoTree(roots, fanIn);
        var options = new ComputeOptions { Scheduler = kind, MaxDegreeOfParallelism = 1 };

        var result = GraphRunner.Run(graph, [top], options, out var statistics);

        Assert.Equal(5, depth);
        Assert.Equal(graph.Count, statistics.TasksRun);
        Assert.Equal(ExpectedTreeValue(roots, fanIn), result[0]);
        Assert.InRange(statistics.PeakResultsHeld, 1, depth * fanIn);
    }

    [Fact]
    public void Run_TreeOnTwoWorkers_StillHoldsFewResults()
    {
        var (graph, top, depth) = RootsIntoTree(10_000, 8);
        GraphRunner.Run(graph, [top], new ComputeOptions { MaxDegreeOfParallelism = 2 }, out var statistics);
        // Two branches may be open at once, one per worker.
        Assert.InRange(statistics.PeakResultsHeld, 1, 2 * depth * 8);
    }

    /// <summary>Each task adds one to the sum of its inputs: the value counts the tasks of the tree.</summary>
    private static int ExpectedTreeValue(int roots, int fanIn)
    {
        var values = Enumerable.Repeat(1, roots).ToList();
        while (values.Count > 1)
        {
            values = values.Chunk(fanIn).Select(c => c.Sum() + 1).ToList();
        }
        return values[0];
    }
}
