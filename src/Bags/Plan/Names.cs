using Tessera.Scheduling;

namespace Tessera.Bags.Plan;

/// <summary>
/// Layer names. User functions cannot be hashed by meaning (two closures of one lambda differ only
/// in captured values), so a layer built from a function gets a fresh number: the same bag object
/// always gives the same keys, and two bags never share a key by accident.
/// </summary>
internal static class Names
{
    private static long s_next;

    public static string Fresh(string kind, string parent) =>
        TaskKeys.Name(kind, parent, Interlocked.Increment(ref s_next));

    public static string Of(string kind, params ReadOnlySpan<object?> parts) => TaskKeys.Name(kind, parts);

    /// <summary>A kind naming a chain of operators, kept short enough to read in a profile.</summary>
    public static string Chain(string parent, string op)
    {
        var kind = parent + "-" + op;
        return kind.Length <= 48 ? kind : "…" + kind[^47..];
    }

    public static string Partition(string name, int index) => TaskKeys.Block(name, [index]);
}
