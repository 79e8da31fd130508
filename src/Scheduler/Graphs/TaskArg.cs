namespace Tessera.Scheduling;

/// <summary>
/// One argument of a task: either a reference to another task's result (by key) or a literal
/// value passed as is. Literals let the optimiser inline constants without extra tasks.
/// </summary>
public readonly struct TaskArg
{
    private TaskArg(string? key, object? value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The key of the task whose result this argument is; null for a literal.</summary>
    public string? Key { get; }

    /// <summary>The literal value; null for a reference.</summary>
    public object? Value { get; }

    /// <summary>True when this argument is another task's result.</summary>
    public bool IsReference => Key is not null;

    /// <summary>An argument that is the result of the task named <paramref name="key"/>.</summary>
    public static TaskArg Ref(string key) =>
        new(key ?? throw new ArgumentNullException(nameof(key)), null);

    /// <summary>An argument passed to the function as is.</summary>
    public static TaskArg Literal(object? value) => new(null, value);

    /// <inheritdoc />
    public override string ToString() => IsReference ? $"<{Key}>" : Value?.ToString() ?? "null";
}
