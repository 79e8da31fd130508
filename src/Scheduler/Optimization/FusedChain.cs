namespace Tessera.Scheduling;

/// <summary>
/// The function of a fused linear chain: runs the first link on the task's arguments, then
/// each later link on the previous link's result (plus that link's literals), in a loop.
/// </summary>
internal sealed class FusedChain
{
    private readonly TaskFunction _first;
    private readonly Link[] _rest;
    private readonly int _maxArgs;

    /// <summary>A later link: its function and its argument template (null marks the previous result).</summary>
    private readonly record struct Link(TaskFunction Function, TaskArg[] Template);

    private FusedChain(TaskFunction first, Link[] rest)
    {
        _first = first;
        _rest = rest;
        _maxArgs = rest.Length == 0 ? 0 : rest.Max(l => l.Template.Length);
    }

    /// <summary>One task doing the work of <paramref name="chain"/> (top first), under the last link's key.</summary>
    public static TaskDefinition Build(IReadOnlyList<TaskDefinition> chain)
    {
        var rest = new Link[chain.Count - 1];
        for (var i = 1; i < chain.Count; i++)
        {
            rest[i - 1] = new Link(chain[i].Function!, [.. chain[i].Args]);
        }
        var kinds = new List<string>();
        foreach (var link in chain)
        {
            if (kinds.Count == 0 || kinds[^1] != link.Kind)
            {
                kinds.Add(link.Kind);
            }
        }
        var runner = new FusedChain(chain[0].Function!, rest);
        return TaskDefinition.Call(chain[^1].Key, string.Join("-", kinds), runner.Run, [.. chain[0].Args]);
    }

    private object? Run(ReadOnlySpan<object?> args)
    {
        var value = _first(args);
        if (_rest.Length == 0)
        {
            return value;
        }
        var buffer = new object?[_maxArgs];
        foreach (var link in _rest)
        {
            var template = link.Template;
            for (var i = 0; i < template.Length; i++)
            {
                // In a linear chain every reference of a link is to the previous link.
                buffer[i] = template[i].IsReference ? value : template[i].Value;
            }
            value = link.Function(buffer.AsSpan(0, template.Length));
            Array.Clear(buffer, 0, template.Length);
        }
        return value;
    }
}
