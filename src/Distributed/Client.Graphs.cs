using Tessera.Distributed.Scheduling;
using Tessera.Distributed.Serialization;
using Tessera.Distributed.Worker;
using Tessera.Scheduling;

namespace Tessera.Distributed;

public sealed partial class Client
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _graphs = new(StringComparer.Ordinal);
    private long _runs;

    /// <summary>Sends a run's calls to a worker; one that cannot take them is lost, and its tasks go elsewhere.</summary>
    private async Task LoadGraphAsync(WorkerLink worker, string run)
    {
        if (!_graphs.TryGetValue(run, out var payload))
        {
            return;
        }
        try
        {
            await worker.Grain.LoadGraph(_scheduler.ClientId, run, payload).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _scheduler.WorkerLost(worker.Key, $"loading a graph failed ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>
    /// Runs a collection's task graph on the cluster (what <see cref="ComputeOptions.Client"/>
    /// does): culls it to what <paramref name="outputs"/> need, sends every task with its lineage,
    /// gathers the outputs, and then drops the run's results from the workers.
    /// </summary>
    public object?[] Run(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputs);
        return Task.Run(() => RunAsync(graph, outputs, options ?? ComputeOptions.Default)).GetAwaiter().GetResult();
    }

    /// <summary>As <see cref="Run"/>, awaiting the cluster instead of blocking on it.</summary>
    public async Task<object?[]> RunAsync(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions options)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var submitted = await SubmitGraphAsync(graph, outputs, persist: false).ConfigureAwait(false);
        try
        {
            var results = await GatherRecordsAsync([.. outputs.Select(o => submitted.Records[o])], options.CancellationToken).ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("TESSERA_DISTRIBUTED_TRACE") == "1")
            {
                Console.Error.WriteLine($"graph {submitted.Run}: {submitted.Ordered.Count} tasks, payload {submitted.PayloadBytes:N0} B, " +
                    $"written {submitted.Written.TotalMilliseconds:0} ms, loaded {(submitted.Loaded - submitted.Written).TotalMilliseconds:0} ms, " +
                    $"ran {(clock.Elapsed - submitted.Loaded).TotalMilliseconds:0} ms");
            }
            return results;
        }
        finally
        {
            _graphs.TryRemove(submitted.Run, out _);
            foreach (var (worker, held) in _scheduler.Forget(submitted.Ordered))
            {
                _ = worker.Grain.Release(_scheduler.ClientId, [.. held]); // best effort: a gone worker holds nothing
            }
            foreach (var worker in _scheduler.Workers)
            {
                _ = worker.Grain.DropGraph(_scheduler.ClientId, submitted.Run);
            }
        }
    }

    /// <summary>
    /// Computes <paramref name="outputs"/> on the cluster and leaves them on the workers, as dask's
    /// <c>client.persist</c>: returns a <see cref="Future{T}"/> per output, which a later graph holds
    /// as a constant (arrays, bags and dataframes persisted with this client do), so the work is
    /// not done again and the blocks do not travel through this process. Waits until every output
    /// exists (a failure throws here, as a local Persist does). The intermediates' results are
    /// dropped once no output needs them, but kept as lineage: a lost worker's persisted blocks are
    /// recomputed. Releasing (or dropping) the futures drops the blocks; the run's calls stay
    /// loaded on the workers while this client lives, for that recomputation.
    /// </summary>
    public object?[] Persist(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputs);
        return Task.Run(() => PersistAsync(graph, outputs, options ?? ComputeOptions.Default)).GetAwaiter().GetResult();
    }

    /// <summary>As <see cref="Persist"/>, awaiting the cluster instead of blocking on it.</summary>
    public async Task<object?[]> PersistAsync(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var submitted = await SubmitGraphAsync(graph, outputs, persist: true).ConfigureAwait(false);
        var kept = outputs.Select(o => submitted.Records[o]).ToArray();
        try
        {
            await WhenAllDone(kept, options.CancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _scheduler.Release(submitted.Ordered);
            throw;
        }
        // Intermediates go once nothing reads them; the outputs stay until their futures are released.
        var outputSet = new HashSet<TaskRecord>(kept);
        _scheduler.Release(submitted.Ordered.Where(r => !outputSet.Contains(r)));
        // An output that already was a future (persisting a persisted collection) keeps that
        // future: a second one on the same record would release it when collected.
        return [.. outputs.Select(o => submitted.Reused.TryGetValue(o, out var future)
            ? future
            : (object?)new Future<object?>(this, submitted.Records[o]))];
    }

    /// <summary>Remote results of this client, brought here (what a local run of a graph holding persisted blocks does).</summary>
    object?[] IRemoteResultSource.Fetch(IReadOnlyList<IRemoteResult> results)
    {
        var records = results.Select(r => r is IFuture f && ReferenceEquals(f.Owner, this)
            ? f.Record
            : throw new ArgumentException($"{r} belongs to another client; fetch it through its own.", nameof(results))).ToArray();
        var values = Task.Run(() => GatherRecordsAsync(records, CancellationToken.None)).GetAwaiter().GetResult();
        GC.KeepAlive(results);
        return values;
    }

    /// <summary>A graph handed to the scheduler; the times (from the start of submission) and size are for the trace.</summary>
    private sealed record SubmittedGraph(string Run, Dictionary<string, TaskRecord> Records, List<TaskRecord> Ordered, Dictionary<string, object> Reused)
    {
        public int PayloadBytes { get; init; }

        public TimeSpan Written { get; init; }

        public TimeSpan Loaded { get; init; }
    }

    /// <summary>
    /// Sends a graph's calls to every worker and adds its tasks to the scheduler, inputs first. A
    /// constant holding a future of this client becomes that future's record: the task reads the
    /// result where it lies (persisted blocks), and it is neither re-run nor forgotten with this run.
    /// </summary>
    private async Task<SubmittedGraph> SubmitGraphAsync(TaskGraph graph, IReadOnlyList<string> outputs, bool persist)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputs);
        var run = $"run{Interlocked.Increment(ref _runs)}";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Futures of other clients (or other remote results) cannot be read by these workers: fetched first.
        graph = ResolveForeign(graph);
        // The local executor's passes (cull, inline constants, fuse linear chains): fewer, larger
        // tasks matter more here, where each costs messages (a 10,000-chunk sum: 23,337 → about half).
        graph = GraphOptimizer.Optimize(graph, outputs);
        var keys = InputsFirst(graph, outputs);
        var records = new Dictionary<string, TaskRecord>(StringComparer.Ordinal);
        var ordered = new List<TaskRecord>();
        var calls = new List<TaskCall>();
        var own = new List<string>();
        var reused = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var task = graph[key];
            if (task.IsConstant && task.ConstantValue is IFuture future && ReferenceEquals(future.Owner, this))
            {
                if (!future.Record.Wanted)
                {
                    throw new InvalidOperationException(
                        $"The graph reads '{future.Record.Name}', a persisted result that was released; persist the collection again.");
                }
                records[key] = future.Record;
                reused[key] = future;
                continue;
            }
            own.Add(key);
            calls.Add(Call(task));
        }
        // One payload for the run: what the closures share is written once (see IWorkerGrain.LoadGraph).
        // An array: the workers read it back as TaskCall[].
        var payload = PayloadWriter.Write(calls.ToArray(), $"the graph of {string.Join(", ", outputs.Take(3))}");
        _graphs[run] = payload;
        var written = clock.Elapsed;
        try
        {
            await Task.WhenAll(_scheduler.Workers.Select(w => LoadGraphAsync(w, run))).ConfigureAwait(false);
            for (var i = 0; i < own.Count; i++)
            {
                var task = graph[own[i]];
                var inputs = task.Dependencies.Select(d => records[d]).ToArray();
                var record = new TaskRecord($"{run}/{own[i]}", own[i], [], inputs) { GraphRun = run, GraphIndex = i, Persisted = persist };
                records.Add(own[i], record);
                ordered.Add(record);
            }
            _scheduler.Add(ordered);
        }
        catch
        {
            _graphs.TryRemove(run, out _);
            throw;
        }
        return new SubmittedGraph(run, records, ordered, reused) { PayloadBytes = payload.Length, Written = written, Loaded = clock.Elapsed };
    }

    private TaskGraph ResolveForeign(TaskGraph graph)
    {
        var foreign = graph.Tasks.Where(t => t.IsConstant && t.ConstantValue is IRemoteResult r && !(r is IFuture f && ReferenceEquals(f.Owner, this))).ToList();
        if (foreign.Count == 0)
        {
            return graph;
        }
        var resolved = RemoteResults.Resolve(new TaskGraph(foreign));
        return new TaskGraph(graph.Tasks.Select(t => resolved.TryGet(t.Key, out var value) ? value : t));
    }

    private static TaskCall Call(TaskDefinition task)
    {
        if (task.IsConstant)
        {
            return new TaskCall { Function = new Func<object?, object?>(Identity), Args = [task.ConstantValue] };
        }
        var args = new object?[task.Args.Count];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = task.Args[i];
            args[i] = arg.IsReference ? new InputRef { Index = IndexOf(task.Dependencies, arg.Key!) } : arg.Value;
        }
        return new TaskCall { Function = task.Function!, Args = args };
    }

    private static int IndexOf(IReadOnlyList<string> keys, string key)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] == key)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"Task argument '{key}' is not among the task's dependencies.");
    }

    /// <summary>The keys <paramref name="outputs"/> need, each after its dependencies (an iterative depth-first walk).</summary>
    private static List<string> InputsFirst(TaskGraph graph, IReadOnlyList<string> outputs)
    {
        var order = new List<string>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the stack, true: done
        var stack = new Stack<(string Key, int Next)>();
        foreach (var output in outputs)
        {
            if (!graph.Contains(output))
            {
                throw new KeyNotFoundException($"The graph has no task '{output}' to compute.");
            }
            if (state.ContainsKey(output))
            {
                continue;
            }
            stack.Push((output, 0));
            state[output] = false;
            while (stack.TryPop(out var top))
            {
                var dependencies = graph[top.Key].Dependencies;
                if (top.Next < dependencies.Count)
                {
                    stack.Push((top.Key, top.Next + 1));
                    var dependency = dependencies[top.Next];
                    if (!state.TryGetValue(dependency, out var done))
                    {
                        state[dependency] = false;
                        stack.Push((dependency, 0));
                    }
                    else if (!done)
                    {
                        throw new GraphValidationException($"The graph has a cycle through '{dependency}'.", [dependency]);
                    }
                    continue;
                }
                state[top.Key] = true;
                order.Add(top.Key);
            }
        }
        return order;
    }
}
