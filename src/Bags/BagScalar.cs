using Tessera.Bags.Plan;
using Tessera.Scheduling;

namespace Tessera.Bags;

/// <summary>
/// A lazy single value computed from a bag, such as its count: <c>long n = bag.Count().Compute();</c>.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class BagScalar<T>
{
    private readonly Func<GraphBuilder, string> _build;

    internal BagScalar(string key, Func<GraphBuilder, string> build)
    {
        Key = key;
        _build = build;
    }

    /// <summary>The key of the task whose result is the value.</summary>
    public string Key { get; }

    /// <summary>The task graph of the value.</summary>
    public TaskGraph ToGraph()
    {
        var graph = new GraphBuilder();
        _build(graph);
        return graph.Graph;
    }

    /// <summary>Computes the value. A user function's exception arrives as <see cref="TaskFailedException"/>.</summary>
    public T Compute(ComputeOptions? options = null) => (T)GraphRunner.Run(ToGraph(), [Key], options)[0]!;

    /// <summary>Computes the value on a background thread.</summary>
    public Task<T> ComputeAsync(ComputeOptions? options = null) =>
        Task.Factory.StartNew(() => Compute(options), (options ?? ComputeOptions.Default).CancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>A lazy value computed from this one by <paramref name="function"/>.</summary>
    public BagScalar<TResult> Then<TResult>(Func<T, TResult> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var key = Names.Fresh("then", Key);
        return new(key, graph =>
        {
            var source = _build(graph);
            graph.Add(TaskDefinition.Call(key, "then", args => function((T)args[0]!), TaskArg.Ref(source)));
            return key;
        });
    }

    /// <summary>The value as a <see cref="Delayed{T}"/>, to combine with other delayed work in one graph.</summary>
    public Delayed<T> ToDelayed() => DelayedBridge.ToDelayed<T>(ToGraph(), Key, value => (T)value!);

    /// <summary>The graph as Graphviz DOT text.</summary>
    public string ToDot() => DotWriter.Write(ToGraph(), [Key]);

    /// <summary>Writes a picture of the graph (see <see cref="Delayed.Visualize(string)"/>).</summary>
    public GraphRendering Visualize(string path) => GraphRendering.Render(ToDot(), path);

    /// <inheritdoc />
    public override string ToString() => $"BagScalar<{typeof(T).Name}>('{Key}')";
}
