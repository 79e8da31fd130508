using Apache.Arrow;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>
/// One layer of a lazy frame: its deterministic name, partition count and schema, and how to add
/// one task per partition (each returning a <see cref="Frame"/>) to a graph. Immutable and shared
/// between frames; lowered once per graph however many frames use it.
/// </summary>
internal abstract class FrameNode(string name, int partitions, Schema schema)
{
    public string Name { get; } = name;

    public int Partitions { get; } = partitions;

    public Schema Schema { get; } = schema;

    /// <summary>The layers this one reads.</summary>
    public abstract IReadOnlyList<FrameNode> Inputs { get; }

    /// <summary>The key of partition <paramref name="index"/>.</summary>
    public string Key(int index) => TaskKeys.Block(Name, [index]);

    /// <summary>Adds this layer's partition tasks (inputs are already lowered).</summary>
    public abstract void Lower(FrameLowering context);
}
