using Tessera.Distributed.Scheduling;
using Tessera.Distributed.Serialization;
using Tessera.Distributed.Worker;
using Tessera.Scheduling;

namespace Tessera.Distributed;

public sealed partial class Client
{
    private long _runs;

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

    private async Task<object?[]> RunAsync(TaskGraph graph, IReadOnlyList<string> outputs, ComputeOptions options)
    {
        var prefix = $"run{Interlocked.Increment(ref _runs)}/";
        var records = new Dictionary<string, TaskRecord>(StringComparer.Ordinal);
        var ordered = new List<TaskRecord>();
        foreach (var key in InputsFirst(graph, outputs))
        {
            var task = graph[key];
            var inputs = task.Dependencies.Select(d => records[d]).ToArray();
            var payload = PayloadWriter.Write(Call(task), $"the task '{key}'");
            var record = new TaskRecord(prefix + key, key, payload, inputs);
            records.Add(key, record);
            ordered.Add(record);
        }
        _scheduler.Add(ordered);
        try
        {
            return await GatherRecordsAsync([.. outputs.Select(o => records[o])], options.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var (worker, keys) in _scheduler.Forget(ordered))
            {
                _ = worker.Grain.Release(_scheduler.ClientId, [.. keys]); // best effort: a gone worker holds nothing
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
