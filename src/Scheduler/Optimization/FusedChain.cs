namespace Tessera.Scheduling;

/// <summary>
/// The function of a fused linear chain: runs the first link on the task's arguments, then
/// each later link on the previous link's result (plus that link's literals), in a loop,
/// so chains of any length cannot overflow the stack.
/// </summary>
internal sealed class FusedChain
{
    private readonly TaskFunction _first;
    private readonly Link[] _rest;
    private readonly int _maxArgs;

    /// <summary>A later link: its function and arguments; where FromPrevious is set, the previous link's result.</summary>
    internal readonly record struct Link(TaskFunction Function, object?[] Literals, bool[] FromPrevious);

    public FusedChain(TaskFunction first, Link[] rest)
    {
        _first = first;
        _rest = rest;
        _maxArgs = rest.Length == 0 ? 0 : rest.Max(l => l.Literals.Length);
    }

    public object? Run(ReadOnlySpan<object?> args)
    {
        var value = _first(args);
        if (_rest.Length == 0)
        {
            return value;
        }
        var buffer = new object?[_maxArgs];
        foreach (var link in _rest)
        {
            var count = link.Literals.Length;
            for (var i = 0; i < count; i++)
            {
                buffer[i] = link.FromPrevious[i] ? value : link.Literals[i];
            }
            value = link.Function(buffer.AsSpan(0, count));
            Array.Clear(buffer, 0, count);
        }
        return value;
    }
}
