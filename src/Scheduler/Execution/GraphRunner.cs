namespace Tessera.Scheduling;

/// <summary>
/// Runs task graphs: optimises (cull, inline constants, fuse chains), orders, and executes on
/// the executor <see cref="ComputeOptions.Scheduler"/> names. Collections call this; users
/// call Compute on a collection.
/// </summary>
public static class GraphRunner
{
    /// <summary>
    /// Computes <paramref name="outputs"/> of <paramref name="graph"/> and returns their results
    /// in the same order. A task exception becomes <see cref="TaskFailedException"/>.
    /// </summary>
    public static object?[] Run(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions? options = null) =>
        Run(graph, outputs, options, out _);

    /// <summary>As <see cref="Run(TaskGraph, IReadOnlyList{string}, ComputeOptions?)"/>, also returning what the run measured.</summary>
    public static object?[] Run(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions? options,
        out ExecutionStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputs);
        options ??= ComputeOptions.Default;
        var compiled = GraphPasses.Apply(CompiledGraph.Compile(graph, outputs), GraphPasses.Pass.All);
        return Execute(compiled, options, out statistics);
    }

    /// <summary>Runs an already optimised and compiled graph (tests use this to run graphs unoptimised).</summary>
    internal static object?[] Execute(CompiledGraph compiled, ComputeOptions options, out ExecutionStatistics statistics,
        SpillFileSystem? spillFiles = null)
    {
        var rank = GraphOrdering.Rank(compiled);
        var core = new ExecutionCore(compiled, rank, ComputeObservers.For(options), MemorySettings.From(options, spillFiles), options);
        // The executors differ only in workers: Synchronous is the core loop on the calling
        // thread alone; Threaded adds dedicated threads (not the thread pool, whose starvation
        // under blocking I/O tasks would stall a run). Never more workers than tasks.
        var workers = Math.Max(1, Math.Min(options.EffectiveParallelism, compiled.Count));
        try
        {
            return core.Run(workers, options.CancellationToken);
        }
        finally
        {
            statistics = core.Statistics;
        }
    }

    /// <summary>Runs the graph on a background thread; cancellation comes from <paramref name="options"/>.</summary>
    public static Task<object?[]> RunAsync(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions? options = null) =>
        Task.Factory.StartNew(() => Run(graph, outputs, options), (options ?? ComputeOptions.Default).CancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
