namespace Tessera.Scheduling;

/// <summary>A task graph is not runnable: a dependency is missing or tasks form a cycle.</summary>
public sealed class GraphValidationException : Exception
{
    /// <summary>Creates the exception; <paramref name="keys"/> are the tasks at fault.</summary>
    public GraphValidationException(string message, IReadOnlyList<string> keys) : base(message)
    {
        Keys = keys;
    }

    /// <summary>The keys of the tasks at fault (the missing key's dependents, or the cycle in order).</summary>
    public IReadOnlyList<string> Keys { get; }
}
