using Tessera.Scheduling;

namespace Tessera.Bags.Plan;

/// <summary>
/// How the partitions of a bag come to be. A node is either backed by tasks (its partitions are
/// task results) or a stream: a file block read, or a chain of element operators over a parent
/// node. Streams add no tasks of their own: whoever consumes a partition (a reduction, a
/// materialisation, a write) opens the stream inside its own task, so a read followed by any
/// chain of Select/Where and a Count is one task per partition that never holds the partition.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal abstract class BagNode<T>
{
    /// <summary>Number of partitions.</summary>
    public abstract int Partitions { get; }

    /// <summary>A name for the layer that consumes these partitions ("read-json-where-…").</summary>
    public abstract string Name { get; }

    /// <summary>What the node does, in a word or a few ("select", "read-text-where"): task kinds.</summary>
    public abstract string Kind { get; }

    /// <summary>
    /// Adds the tasks partition <paramref name="partition"/> depends on, and returns the arguments
    /// a task opening it must receive (references to those tasks, and literals).
    /// </summary>
    public abstract TaskArg[] Inputs(int partition, GraphBuilder graph);

    /// <summary>The elements of partition <paramref name="partition"/>, from the values of its <see cref="Inputs"/>.</summary>
    public abstract IEnumerable<T> Open(object?[] inputs, int partition);
}
