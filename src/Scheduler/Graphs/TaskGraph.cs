namespace Tessera.Scheduling;

/// <summary>
/// A set of tasks keyed by name. Collections build one, the optimiser rewrites it and the
/// executors run it. Adding a key twice replaces nothing: it is an error unless the second
/// definition is the same object, because two meanings for one key would silently corrupt results.
/// </summary>
public sealed class TaskGraph
{
    private readonly Dictionary<string, TaskDefinition> _tasks;

    /// <summary>An empty graph.</summary>
    public TaskGraph() => _tasks = new(StringComparer.Ordinal);

    /// <summary>A graph holding <paramref name="tasks"/>.</summary>
    public TaskGraph(IEnumerable<TaskDefinition> tasks) : this()
    {
        foreach (var task in tasks)
        {
            Add(task);
        }
    }

    /// <summary>Number of tasks.</summary>
    public int Count => _tasks.Count;

    /// <summary>The tasks, in insertion order.</summary>
    public IEnumerable<TaskDefinition> Tasks => _tasks.Values;

    /// <summary>The task with key <paramref name="key"/>.</summary>
    public TaskDefinition this[string key] =>
        _tasks.TryGetValue(key, out var task)
            ? task
            : throw new KeyNotFoundException($"The graph has no task '{key}'.");

    /// <summary>True when a task has key <paramref name="key"/>.</summary>
    public bool Contains(string key) => _tasks.ContainsKey(key);

    /// <summary>Looks a task up by key.</summary>
    public bool TryGet(string key, out TaskDefinition task) => _tasks.TryGetValue(key, out task!);

    /// <summary>Adds <paramref name="task"/>; a different task with the same key is an error.</summary>
    public TaskGraph Add(TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!_tasks.TryAdd(task.Key, task) && !ReferenceEquals(_tasks[task.Key], task))
        {
            throw new ArgumentException(
                $"The graph already has a task '{task.Key}'. Keys must be unique: give the new task another key.",
                nameof(task));
        }
        return this;
    }

    /// <summary>Adds a task calling <paramref name="function"/> on <paramref name="args"/>.</summary>
    public TaskGraph Add(string key, string kind, TaskFunction function, params TaskArg[] args) =>
        Add(TaskDefinition.Call(key, kind, function, args));

    /// <summary>Adds a constant task.</summary>
    public TaskGraph AddConstant(string key, object? value) => Add(TaskDefinition.Constant(key, value));

    /// <summary>Adds every task of <paramref name="other"/> that this graph lacks (shared keys are shared work).</summary>
    public TaskGraph Merge(TaskGraph other)
    {
        foreach (var task in other.Tasks)
        {
            _tasks.TryAdd(task.Key, task);
        }
        return this;
    }

    /// <summary>
    /// Checks that every dependency exists and that there is no cycle; throws
    /// <see cref="GraphValidationException"/> naming the keys otherwise.
    /// </summary>
    public void Validate() => _ = CompiledGraph.Compile(this, []);
}
