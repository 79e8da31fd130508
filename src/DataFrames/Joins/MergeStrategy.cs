namespace Tessera.DataFrames;

/// <summary>How a <see cref="DataFrame.Merge(DataFrame, IReadOnlyList{string}, JoinType, MergeStrategy)"/> brings matching rows together.</summary>
public enum MergeStrategy
{
    /// <summary>
    /// Broadcast when one side is small (see <see cref="Broadcast"/>'s rule in the merge's
    /// remarks), else shuffle both sides.
    /// </summary>
    Auto,

    /// <summary>Gather the side with fewer partitions into one task and join every partition of the other side against it.</summary>
    Broadcast,

    /// <summary>Hash-shuffle both sides on the keys into the same partitions, then join partition by partition.</summary>
    Shuffle,
}
