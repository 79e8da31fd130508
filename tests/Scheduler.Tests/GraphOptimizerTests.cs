using Tessera.Scheduling;
using static Tessera.Scheduler.Tests.GraphBuilding;

namespace Tessera.Scheduler.Tests;

public class GraphOptimizerTests
{
    /// <summary>
    /// <code>
    ///   a   b        x
    ///    \ /         |
    ///     c          y     cull(c) keeps a, b, c
    /// </code>
    /// </summary>
    [Fact]
    public void Cull_KeepsOnlyWhatTheOutputNeeds()
    {
        var graph = new TaskGraph().Add(Sum1("a")).Add(Sum1("b")).Add(Sum1("c", "a", "b")).Add(Sum1("x")).Add(Sum1("y", "x"));
        var culled = GraphOptimizer.Cull(graph, ["c"]);
        Assert.Equal(["a", "b", "c"], culled.Tasks.Select(t => t.Key).Order());
    }

    /// <summary>
    /// <code>
    ///   a -> b -> c -> d      fuses into one task "d" (kinds a-b-c-d)
    /// </code>
    /// </summary>
    [Fact]
    public void Fuse_LinearChain_BecomesOneTaskWithTheSameResult()
    {
        var graph = new TaskGraph().Add(Sum1("a")).Add(Sum1("b", "a")).Add(Sum1("c", "b")).Add(Sum1("d", "c"));
        var fused = GraphOptimizer.FuseLinearChains(graph, ["d"]);
        var only = Assert.Single(fused.Tasks);
        Assert.Equal("d", only.Key);
        Assert.Equal("a-b-c-d", only.Kind);
        Assert.Equal(4, GraphRunner.Run(graph, ["d"])[0]);
    }

    /// <summary>
    /// <code>
    ///     a
    ///    / \
    ///   b   c       a has two dependents: nothing above b and c fuses
    ///    \ /
    ///     d
    /// </code>
    /// </summary>
    [Fact]
    public void Fuse_Diamond_FusesNothing()
    {
        var graph = new TaskGraph().Add(Sum1("a")).Add(Sum1("b", "a")).Add(Sum1("c", "a")).Add(Sum1("d", "b", "c"));
        var fused = GraphOptimizer.FuseLinearChains(graph, ["d"]);
        Assert.Equal(4, fused.Count);
    }

    /// <summary>
    /// <code>
    ///   a -> b -> c     b is requested too, so only b -> c... cannot fuse b away; a fuses into b
    /// </code>
    /// </summary>
    [Fact]
    public void Fuse_RequestedMiddleTask_StaysAddressable()
    {
        var graph = new TaskGraph().Add(Sum1("a")).Add(Sum1("b", "a")).Add(Sum1("c", "b"));
        var fused = GraphOptimizer.FuseLinearChains(graph, ["b", "c"]);
        Assert.Equal(["b", "c"], fused.Tasks.Select(t => t.Key).Order());
        Assert.Equal([2, 3], GraphRunner.Run(graph, ["b", "c"]));
    }

    [Fact]
    public void Fuse_ChainOfAHundredThousand_DoesNotOverflowTheStack()
    {
        var graph = new TaskGraph().Add(Sum1("t-0"));
        for (var i = 1; i < 100_000; i++)
        {
            graph.Add(Sum1($"t-{i}", $"t-{i - 1}"));
        }
        Assert.Equal(100_000, GraphRunner.Run(graph, ["t-99999"])[0]);
    }

    [Fact]
    public void InlineConstants_ReplacesConstantTasksByTheirValues()
    {
        var graph = new TaskGraph()
            .AddConstant("ten", 10)
            .Add(TaskDefinition.Call("double", "double", args => (int)args[0]! * 2, TaskArg.Ref("ten")));
        var inlined = GraphOptimizer.InlineConstants(graph, ["double"]);
        var task = Assert.Single(inlined.Tasks);
        Assert.False(task.Args[0].IsReference);
        Assert.Equal(10, task.Args[0].Value);
        Assert.Equal(20, GraphRunner.Run(graph, ["double"])[0]);
    }

    [Fact]
    public void InlineConstants_RequestedConstant_Stays()
    {
        var graph = new TaskGraph().AddConstant("ten", 10);
        Assert.Equal(10, GraphRunner.Run(graph, ["ten"])[0]);
    }
}
