using Tessera.Scheduling;

namespace Tessera.Bags.Plan;

/// <summary>
/// Turns the tasks under one key of a bag's graph into Delayed nodes (one per task, same keys), so
/// a partition or a reduction can join a Delayed computation and share work with it.
/// </summary>
internal static class DelayedBridge
{
    public static Delayed<TResult> ToDelayed<TResult>(TaskGraph graph, string key, Func<object?, TResult> convert)
    {
        var nodes = new Dictionary<string, Delayed>(StringComparer.Ordinal);
        var task = graph[key];
        var args = Arguments(graph, task, nodes);
        if (task.Function is { } function)
        {
            return new Delayed<TResult>(key, task.Kind, values => convert(function(values)), args, null);
        }
        return new Delayed<TResult>(key, task.Kind, null, [], convert(task.ConstantValue));
    }

    private static DelayedArg[] Arguments(TaskGraph graph, TaskDefinition task, Dictionary<string, Delayed> nodes)
    {
        var args = new DelayedArg[task.Args.Count];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = task.Args[i];
            args[i] = arg.IsReference ? new DelayedArg(Node(graph, arg.Key!, nodes), null) : new DelayedArg(null, arg.Value);
        }
        return args;
    }

    private static Delayed Node(TaskGraph graph, string key, Dictionary<string, Delayed> nodes)
    {
        if (nodes.TryGetValue(key, out var done))
        {
            return done;
        }
        var task = graph[key];
        Delayed node = task.Function is null
            ? new Delayed<object?>(key, task.Kind, null, [], task.ConstantValue)
            : new Delayed<object?>(key, task.Kind, task.Function, Arguments(graph, task, nodes), null);
        nodes[key] = node;
        return node;
    }
}
