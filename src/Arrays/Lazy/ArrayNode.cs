using Tessera.Scheduling;

namespace Tessera.Arrays.Lazy;

/// <summary>
/// One layer of a lazy array: its deterministic name, its chunk grid and element type, and
/// how to add one task per block to a graph. Nodes are immutable and shared between arrays;
/// a layer is lowered once per graph, however many arrays use it.
/// </summary>
internal abstract class ArrayNode(string name, ChunkGrid grid, DType dtype)
{
    public string Name { get; } = name;

    public ChunkGrid Grid { get; } = grid;

    public DType DType { get; } = dtype;

    /// <summary>The layers this one reads.</summary>
    public abstract IReadOnlyList<ArrayNode> Inputs { get; }

    /// <summary>The key of this layer's block <paramref name="index"/>.</summary>
    public string BlockKey(ReadOnlySpan<int> index) => TaskKeys.Block(Name, index);

    /// <summary>Adds this layer's block tasks to <paramref name="context"/>'s graph (inputs are lowered first).</summary>
    public abstract void Lower(LoweringContext context);
}
