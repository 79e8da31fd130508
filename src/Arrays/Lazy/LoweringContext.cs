using Tessera.Kernels.Backends;
using Tessera.Scheduling;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// Turns a lazy array into a task graph: each layer adds one task per block, inputs before
/// users, each layer once. Block tasks return device buffers of the backend chosen for the run.
/// </summary>
internal sealed class LoweringContext(IComputeBackend backend)
{
    private readonly HashSet<string> _lowered = new(StringComparer.Ordinal);

    public TaskGraph Graph { get; } = new();

    public IComputeBackend Backend { get; } = backend;

    /// <summary>Where the root's blocks may be written in place (host results only), or null.</summary>
    public ResultPlacement? Placement { get; private init; }

    /// <summary>Lowers <paramref name="node"/> and everything it reads, each once.</summary>
    public void Lower(ArrayNode node)
    {
        // Iterative post-order: deep expression chains must not overflow the stack.
        var pending = new Stack<(ArrayNode Node, bool InputsDone)>();
        pending.Push((node, false));
        while (pending.TryPop(out var item))
        {
            if (_lowered.Contains(item.Node.Name))
            {
                continue;
            }
            if (item.InputsDone)
            {
                item.Node.Lower(this);
                _lowered.Add(item.Node.Name);
                continue;
            }
            pending.Push((item.Node, true));
            foreach (var input in item.Node.Inputs)
            {
                pending.Push((input, false));
            }
        }
    }

    /// <summary>The graph computing every block of <paramref name="node"/>, and those blocks' keys in row-major order.</summary>
    public static (TaskGraph Graph, string[] Keys) Build(ArrayNode node, IComputeBackend backend, ResultPlacement? placement = null)
    {
        var context = new LoweringContext(backend) { Placement = placement };
        context.Lower(node);
        return (context.Graph, [.. node.Grid.BlockIndices().Select(i => node.BlockKey(i))]);
    }
}
