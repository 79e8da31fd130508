namespace Tessera;

/// <summary>
/// The tasks a run executes (after optimisation) and their dependencies, for observers that draw
/// the graph. Task i is the one a <see cref="TaskEvent"/> with <see cref="TaskEvent.TaskIndex"/> i
/// reports. The arrays are the scheduler's own, shared read-only: building this view costs nothing.
/// </summary>
public sealed class RunGraph
{
    private readonly string[] _keys;
    private readonly string[] _kinds;
    private readonly int[] _dependencyStart;
    private readonly int[] _dependencies;

    /// <summary>A graph of <paramref name="keys"/>.Length tasks; task i depends on
    /// <paramref name="dependencies"/>[<paramref name="dependencyStart"/>[i] .. <paramref name="dependencyStart"/>[i + 1]].</summary>
    public RunGraph(string[] keys, string[] kinds, int[] dependencyStart, int[] dependencies)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(dependencyStart);
        ArgumentNullException.ThrowIfNull(dependencies);
        if (kinds.Length != keys.Length || dependencyStart.Length != keys.Length + 1)
        {
            throw new ArgumentException(
                $"A graph of {keys.Length} keys needs {keys.Length} kinds and {keys.Length + 1} dependency offsets; " +
                $"got {kinds.Length} kinds and {dependencyStart.Length} offsets.", nameof(dependencyStart));
        }
        _keys = keys;
        _kinds = kinds;
        _dependencyStart = dependencyStart;
        _dependencies = dependencies;
    }

    /// <summary>Number of tasks.</summary>
    public int Count => _keys.Length;

    /// <summary>Task keys by index.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Task kinds by index.</summary>
    public IReadOnlyList<string> Kinds => _kinds;

    /// <summary>The indexes of the tasks <paramref name="task"/> depends on.</summary>
    public ReadOnlySpan<int> Dependencies(int task) =>
        _dependencies.AsSpan(_dependencyStart[task], _dependencyStart[task + 1] - _dependencyStart[task]);
}
