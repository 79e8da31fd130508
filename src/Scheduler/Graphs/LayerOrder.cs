namespace Tessera.Scheduling;

/// <summary>
/// The order in which a collection lowers its lazy layers into a task graph: every layer after
/// the layers it reads, each once (shared inputs are lowered for the first reader only).
/// </summary>
public static class LayerOrder
{
    /// <summary>
    /// Calls <paramref name="lower"/> on <paramref name="root"/> and every layer it reads, inputs
    /// first, skipping names already in <paramref name="lowered"/> (and adding those it lowers).
    /// </summary>
    public static void InputsFirst<TLayer>(TLayer root, Func<TLayer, string> name, Func<TLayer, IEnumerable<TLayer>> inputs,
        ISet<string> lowered, Action<TLayer> lower)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(lowered);
        ArgumentNullException.ThrowIfNull(lower);
        // Iterative post-order: long chains of operations must not overflow the stack.
        var pending = new Stack<(TLayer Layer, bool InputsDone)>();
        pending.Push((root, false));
        while (pending.TryPop(out var item))
        {
            if (lowered.Contains(name(item.Layer)))
            {
                continue;
            }
            if (item.InputsDone)
            {
                lower(item.Layer);
                lowered.Add(name(item.Layer));
                continue;
            }
            pending.Push((item.Layer, true));
            foreach (var input in inputs(item.Layer))
            {
                pending.Push((input, false));
            }
        }
    }
}
