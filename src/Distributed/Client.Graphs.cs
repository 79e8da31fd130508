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
        var run = $"run{Interlocked.Increment(ref _runs)}";
        var records = new Dictionary<string, TaskRecord>(StringComparer.Ordinal);
        var ordered = new List<TaskRecord>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The local executor's passes (cull, inline constants, fuse linear chains): fewer, larger
        // tasks matter more here, where each costs messages (a 10,000-chunk sum: 23,337 → about half).
        graph = GraphOptimizer.Optimize(graph, outputs);
        var keys = InputsFirst(graph, outputs);
        var calls = keys.Select(k => Call(graph[k])).ToArray();
        // One payload for the run: what the closures share is written once (see IWorkerGrain.LoadGraph).
        _graphs[run] = PayloadWriter.Write(calls, $"the graph of {string.Join(", ", outputs.Take(3))}");
        var written = clock.Elapsed;
        try
        {
            await Task.WhenAll(_scheduler.Workers.Select(w => LoadGraphAsync(w, run))).ConfigureAwait(false);
            var loaded = clock.Elapsed;
            for (var i = 0; i < keys.Count; i++)
            {
                var task = graph[keys[i]];
                var inputs = task.Dependencies.Select(d => records[d]).ToArray();
                var record = new TaskRecord($"{run}/{keys[i]}", keys[i], [], inputs) { GraphRun = run, GraphIndex = i };
                records.Add(keys[i], record);
                ordered.Add(record);
            }
            _scheduler.Add(ordered);
            var results = await GatherRecordsAsync([.. outputs.Select(o => records[o])], options.CancellationToken).ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("TESSERA_DISTRIBUTED_TRACE") == "1")
            {
                Console.Error.WriteLine($"graph {run}: {keys.Count} tasks, payload {_graphs[run].Length:N0} B, written {written.TotalMilliseconds:0} ms, " +
                    $"loaded {(loaded - written).TotalMilliseconds:0} ms, ran {(clock.Elapsed - loaded).TotalMilliseconds:0} ms");
            }
            return results;
        }
        finally
        {
            _graphs.TryRemove(run, out _);
            foreach (var (worker, held) in _scheduler.Forget(ordered))
            {
                _ = worker.Grain.Release(_scheduler.ClientId, [.. held]); // best effort: a gone worker holds nothing
            }
            foreach (var worker in _scheduler.Workers)
            {
                _ = worker.Grain.DropGraph(_scheduler.ClientId, run);
            }
        }
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
