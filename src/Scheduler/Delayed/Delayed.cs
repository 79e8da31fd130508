using Tessera.Scheduling;

namespace Tessera;

/// <summary>
/// A lazy function call (or value) and everything it depends on, as in dask.delayed.
/// Build with <see cref="Value{T}"/> and <c>Call</c>; nothing runs until
/// <see cref="Delayed{T}.Compute"/>. Results shared by several calls are computed once.
/// </summary>
/// <example>
/// <code>
/// var total = Delayed.Call(Add, Delayed.Call(Inc, 1), Delayed.Call(Inc, 2));
/// int v = total.Compute(); // 5
/// </code>
/// </example>
public abstract partial class Delayed
{
    private protected Delayed(string key, string kind, TaskFunction? function, DelayedArg[] args, object? constant)
    {
        Key = key;
        Kind = kind;
        Function = function;
        Args = args;
        ConstantValue = constant;
    }

    /// <summary>
    /// This node's key in the task graph: deterministic for deterministic inputs
    /// ("inc-3f2a…" for a call of Inc), or the name given with <c>Named</c>.
    /// </summary>
    public string Key { get; }

    internal string Kind { get; }

    internal TaskFunction? Function { get; }

    internal DelayedArg[] Args { get; }

    internal object? ConstantValue { get; }

    /// <summary>The task graph this node needs, with this node's key as the result.</summary>
    public TaskGraph ToGraph() => BuildGraph([this]);

    /// <summary>The graph as Graphviz DOT text: one node per task, edges from inputs to users.</summary>
    public string ToDot() => DotWriter.Write(ToGraph(), [Key]);

    /// <summary>
    /// Writes a picture of the graph to <paramref name="path"/>: rendered by Graphviz's <c>dot</c>
    /// when installed (format from the extension: .svg, .png, .pdf), otherwise the DOT text is
    /// written to <c>path</c> with the extension .dot and the result says so.
    /// </summary>
    public GraphRendering Visualize(string path) => GraphRendering.Render(ToDot(), path);

    /// <inheritdoc />
    public override string ToString() => $"Delayed('{Key}')";

    /// <summary>Collects the graph under <paramref name="roots"/>; shared nodes (same key) appear once.</summary>
    internal static TaskGraph BuildGraph(IEnumerable<Delayed> roots)
    {
        var graph = new TaskGraph();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Delayed>();
        foreach (var root in roots)
        {
            pending.Push(root);
        }
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node.Key))
            {
                continue;
            }
            graph.Add(node.ToTask());
            foreach (var arg in node.Args)
            {
                if (arg.Node is { } dep && !seen.Contains(dep.Key))
                {
                    pending.Push(dep);
                }
            }
        }
        return graph;
    }

    private TaskDefinition ToTask()
    {
        if (Function is null)
        {
            return TaskDefinition.Constant(Key, ConstantValue, Kind);
        }
        var args = new TaskArg[Args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Args[i].Node is { } node ? TaskArg.Ref(node.Key) : TaskArg.Literal(Args[i].Literal);
        }
        return TaskDefinition.Call(Key, Kind, Function, args);
    }
}
