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
        if (options.Client is { } client)
        {
            // The whole graph goes to the cluster, unoptimised: the cluster's scheduler culls it
            // and places each task where its inputs are.
            statistics = new ExecutionStatistics(0, 0, 0, TimeSpan.Zero);
            return client is IGraphExecutor executor
                ? executor.Run(graph, outputs, options)
                : throw new ArgumentException(
                    $"ComputeOptions.Client is a {client.GetType().Name}, which cannot run task graphs. " +
                    "Pass a Tessera.Distributed.Client (await Client.ConnectAsync(cluster)).", nameof(options));
        }
        var compiled = GraphPasses.Apply(CompiledGraph.Compile(RemoteResults.Resolve(graph), outputs), GraphPasses.Pass.All);
        return Execute(compiled, options, out statistics);
    }

    /// <summary>
    /// Computes <paramref name="outputs"/> and keeps them: here, their values; on a cluster
    /// (<see cref="ComputeOptions.Client"/>), handles to results that stay on the workers
    /// (<see cref="IRemoteResult"/>), which later graphs hold as constants.
    /// </summary>
    public static object?[] Persist(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputs);
        options ??= ComputeOptions.Default;
        if (options.Client is IGraphExecutor executor)
        {
            return executor.Persist(graph, outputs, options);
        }
        return Run(graph, outputs, options);
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
        var workers = Workers(options, compiled);
        try
        {
            return core.Run(workers, options.CancellationToken);
        }
        finally
        {
            statistics = core.Statistics;
        }
    }

    /// <summary>
    /// Runs the graph without blocking the caller: the workers are the run's own threads, and the
    /// task completes when the last one leaves. Cancellation (from <paramref name="options"/>) stops
    /// the run between tasks and cancels the task. With <see cref="ComputeOptions.Client"/> set, the
    /// cluster runs the graph and the task awaits it.
    /// </summary>
    public static Task<object?[]> RunAsync(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputs);
        options ??= ComputeOptions.Default;
        if (options.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<object?[]>(options.CancellationToken);
        }
        if (options.Client is { } client)
        {
            return client is IGraphExecutor executor
                ? executor.RunAsync(graph, outputs, options)
                : Task.FromException<object?[]>(new ArgumentException(
                    $"ComputeOptions.Client is a {client.GetType().Name}, which cannot run task graphs. " +
                    "Pass a Tessera.Distributed.Client (await Client.ConnectAsync(cluster)).", nameof(options)));
        }
        try
        {
            var compiled = GraphPasses.Apply(CompiledGraph.Compile(RemoteResults.Resolve(graph), outputs), GraphPasses.Pass.All);
            var core = new ExecutionCore(compiled, GraphOrdering.Rank(compiled), ComputeObservers.For(options), MemorySettings.From(options, null), options);
            return core.RunAsync(Workers(options, compiled), options.CancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<object?[]>(e);
        }
    }

    // Never more workers than tasks.
    private static int Workers(ComputeOptions options, CompiledGraph compiled) =>
        Math.Max(1, Math.Min(options.EffectiveParallelism, compiled.Count));
}
