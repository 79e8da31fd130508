namespace Tessera.Scheduling;

/// <summary>
/// One node of a <see cref="TaskGraph"/>: a key, the function to call and its arguments.
/// A constant (<see cref="IsConstant"/>) has no function: its result is <see cref="ConstantValue"/>.
/// </summary>
public sealed class TaskDefinition
{
    private TaskDefinition(string key, string kind, TaskFunction? function, TaskArg[] args, object? constant)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
        Kind = kind;
        Function = function;
        Args = args;
        ConstantValue = constant;
        Dependencies = UniqueReferences(args);
    }

    /// <summary>The task's unique key.</summary>
    public string Key { get; }

    /// <summary>What kind of work this is ("inc", "add", "sum-chunk"): groups tasks in profiles and pictures.</summary>
    public string Kind { get; }

    /// <summary>The function; null for a constant.</summary>
    public TaskFunction? Function { get; }

    /// <summary>The arguments, in the order the function receives them.</summary>
    public IReadOnlyList<TaskArg> Args { get; }

    /// <summary>The value of a constant task.</summary>
    public object? ConstantValue { get; }

    /// <summary>True for a task that only holds a value.</summary>
    public bool IsConstant => Function is null;

    /// <summary>Keys of the tasks this one needs, without duplicates, in first-use order.</summary>
    public IReadOnlyList<string> Dependencies { get; }

    /// <summary>A task that calls <paramref name="function"/> with <paramref name="args"/>.</summary>
    public static TaskDefinition Call(string key, string kind, TaskFunction function, params TaskArg[] args) =>
        new(key, kind, function ?? throw new ArgumentNullException(nameof(function)), args, null);

    /// <summary>A task whose result is <paramref name="value"/>.</summary>
    public static TaskDefinition Constant(string key, object? value, string kind = "constant") =>
        new(key, kind, null, [], value);

    private static string[] UniqueReferences(TaskArg[] args)
    {
        var count = 0;
        var keys = new string[args.Length];
        foreach (var arg in args)
        {
            // Arguments are few: a linear scan for duplicates beats building a set.
            if (arg.IsReference && Array.IndexOf(keys, arg.Key, 0, count) < 0)
            {
                keys[count++] = arg.Key!;
            }
        }
        return count == keys.Length ? keys : keys[..count];
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsConstant ? $"{Key} = {ConstantValue}" : $"{Key} = {Kind}({string.Join(", ", Args)})";
}
