using Tessera.Scheduling;

namespace Tessera;

public abstract partial class Delayed
{
    /// <summary>Computes two results in one graph; work they share runs once.</summary>
    public static (T1, T2) Compute<T1, T2>(Delayed<T1> first, Delayed<T2> second, ComputeOptions? options = null)
    {
        var r = RunMany([first, second], options);
        return ((T1)r[0]!, (T2)r[1]!);
    }

    /// <summary>Computes three results in one graph; work they share runs once.</summary>
    public static (T1, T2, T3) Compute<T1, T2, T3>(Delayed<T1> first, Delayed<T2> second, Delayed<T3> third,
        ComputeOptions? options = null)
    {
        var r = RunMany([first, second, third], options);
        return ((T1)r[0]!, (T2)r[1]!, (T3)r[2]!);
    }

    /// <summary>Computes many results of one type in one graph, in order; shared work runs once.</summary>
    public static T[] Compute<T>(IEnumerable<Delayed<T>> nodes, ComputeOptions? options = null) =>
        [.. RunMany([.. nodes], options).Select(r => (T)r!)];

    /// <summary>Computes results of any types in one graph, in order; shared work runs once.</summary>
    public static object?[] Compute(params Delayed[] nodes) => RunMany(nodes, null);

    /// <summary>The graph several nodes need together, as Graphviz DOT text.</summary>
    public static string ToDot(params Delayed[] nodes) =>
        DotWriter.Write(BuildGraph(nodes), [.. nodes.Select(n => n.Key)]);

    private static object?[] RunMany(Delayed[] nodes, ComputeOptions? options)
    {
        foreach (var node in nodes)
        {
            ArgumentNullException.ThrowIfNull(node, nameof(nodes));
        }
        return GraphRunner.Run(BuildGraph(nodes), [.. nodes.Select(n => n.Key)], options);
    }
}
