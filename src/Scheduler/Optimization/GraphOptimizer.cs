namespace Tessera.Scheduling;

/// <summary>
/// Rewrites of a task graph before it runs (see <see cref="GraphPasses"/> for what each does):
/// cull to what the requested keys need, inline constants into their users, fuse linear
/// chains. Each returns a new graph and keeps every requested key. The executors apply all
/// three on the compiled form; these entry points are for inspecting what they do.
/// </summary>
public static class GraphOptimizer
{
    /// <summary>All passes: <see cref="Cull"/>, <see cref="InlineConstants"/>, <see cref="FuseLinearChains"/>.</summary>
    public static TaskGraph Optimize(TaskGraph graph, IReadOnlyCollection<string> outputs) =>
        Apply(graph, outputs, GraphPasses.Pass.All);

    /// <summary>The tasks that <paramref name="outputs"/> need, directly or indirectly, and nothing else.</summary>
    public static TaskGraph Cull(TaskGraph graph, IReadOnlyCollection<string> outputs) =>
        Apply(graph, outputs, GraphPasses.Pass.Cull);

    /// <summary>Replaces references to constant tasks by the constants; requested constants stay.</summary>
    public static TaskGraph InlineConstants(TaskGraph graph, IReadOnlyCollection<string> outputs) =>
        Apply(graph, outputs, GraphPasses.Pass.InlineConstants);

    /// <summary>Fuses linear chains into single tasks under the chain's last key.</summary>
    public static TaskGraph FuseLinearChains(TaskGraph graph, IReadOnlyCollection<string> outputs) =>
        Apply(graph, outputs, GraphPasses.Pass.FuseLinearChains);

    private static TaskGraph Apply(TaskGraph graph, IReadOnlyCollection<string> outputs, GraphPasses.Pass passes)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var compiled = CompiledGraph.Compile(graph, [.. outputs]);
        return GraphPasses.Apply(compiled, passes).ToTaskGraph();
    }
}
