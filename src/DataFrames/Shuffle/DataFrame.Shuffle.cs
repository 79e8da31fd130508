using Tessera.DataFrames.Shuffle;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>The rows moved so that all rows with equal <paramref name="on"/> keys share a partition (as many partitions as now); see <see cref="Shuffle(IReadOnlyList{string}, int)"/>.</summary>
    public DataFrame Shuffle(params string[] on) => Shuffle(on, NPartitions);

    /// <summary>
    /// The rows moved into <paramref name="npartitions"/> partitions by a hash of the key columns
    /// <paramref name="on"/> (dask's <c>shuffle</c>): every key, null keys included, lands in exactly
    /// one partition. Row order within a partition follows the input partitions; the index, if any,
    /// is dropped because rows are no longer in index order.
    /// </summary>
    public DataFrame Shuffle(IReadOnlyList<string> on, int npartitions)
    {
        ArgumentNullException.ThrowIfNull(on);
        if (on.Count == 0)
        {
            throw new ArgumentException("Shuffle needs at least one key column, e.g. Shuffle(\"id\").", nameof(on));
        }
        if (npartitions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(npartitions), npartitions, "Shuffle needs at least one output partition; pass npartitions >= 1.");
        }
        foreach (var key in on)
        {
            _ = this[key];
        }
        return new DataFrame(ShuffledNode([.. on], npartitions));
    }

    /// <summary>The shuffled node of this frame, for merges that shuffle both sides the same way.</summary>
    internal Lazy.FrameNode ShuffledNode(string[] keys, int npartitions) =>
        new HashShuffleNode(TaskKeys.Name("shuffle", Node.Name, string.Join(",", keys), npartitions), Node, new HashPartitioner(keys, npartitions));
}
