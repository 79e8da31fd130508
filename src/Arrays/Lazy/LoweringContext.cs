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

    /// <summary>Whether <paramref name="node"/>'s tasks are already in the graph.</summary>
    public bool IsLowered(ArrayNode node) => _lowered.Contains(node.Name);

    /// <summary>Lowers <paramref name="node"/> and everything it reads, each once.</summary>
    public void Lower(ArrayNode node) => LayerOrder.InputsFirst(node, n => n.Name, n => n.Inputs, _lowered, n => n.Lower(this));

    /// <summary>The graph computing every block of <paramref name="node"/>, and those blocks' keys in row-major order.</summary>
    public static (TaskGraph Graph, string[] Keys) Build(ArrayNode node, IComputeBackend backend, ResultPlacement? placement = null)
    {
        var context = new LoweringContext(backend) { Placement = placement };
        context.Lower(node);
        return (context.Graph, [.. node.Grid.BlockIndices().Select(i => node.BlockKey(i))]);
    }
}
