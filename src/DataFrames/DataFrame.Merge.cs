using Tessera.DataFrames.Joins;
using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>
    /// The most partitions a side may have and still be broadcast by <see cref="MergeStrategy.Auto"/>
    /// when the other side has many: dask's rule, the smaller side broadcast when it has fewer than
    /// <c>log2(larger partitions) * BroadcastBias</c> partitions (or just one).
    /// </summary>
    public const double BroadcastBias = 0.5;

    /// <summary>Joins with <paramref name="right"/> on one key column (pandas' merge).</summary>
    public DataFrame Merge(DataFrame right, string on, JoinType how = JoinType.Inner) => Merge(right, [on], how);

    /// <summary>Joins with <paramref name="right"/> on one key column (pandas' merge), bringing rows together by <paramref name="strategy"/>.</summary>
    public DataFrame Merge(DataFrame right, string on, JoinType how, MergeStrategy strategy) => Merge(right, [on], how, strategy);

    /// <summary>
    /// Joins with <paramref name="right"/> on the key columns <paramref name="on"/> (pandas' merge;
    /// null keys match null keys as in pandas). Rows equal pandas' result up to order; the columns
    /// are the left frame's, then the right's non-key columns, shared names suffixed "_x" and "_y".
    /// </summary>
    /// <remarks>
    /// Two strategies, as dask's. Broadcast: the side with fewer partitions (the right one on a
    /// tie) is gathered and hashed once, then every partition of the other side is joined against
    /// it in its own task. Shuffle: both sides are hash-shuffled on the keys into as many
    /// partitions as the larger has, and partition j of one is joined with partition j of the
    /// other, so no task holds a whole side. <see cref="MergeStrategy.Auto"/> broadcasts when the
    /// smaller side has one partition or fewer than <c>log2(larger) * </c><see cref="BroadcastBias"/>,
    /// and shuffles otherwise; pass a strategy to force either.
    /// </remarks>
    public DataFrame Merge(DataFrame right, IReadOnlyList<string> on, JoinType how = JoinType.Inner, MergeStrategy strategy = MergeStrategy.Auto)
    {
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(on);
        if (on.Count == 1 && on[0] == Index?.Column && on[0] == right.Index?.Column && KnownDivisions && right.KnownDivisions)
        {
            // Both frames are indexed by the key with known divisions: join partition by partition.
            return MergeOnIndex(right, how);
        }
        var keys = on.ToArray();
        if (keys.Length == 0)
        {
            throw new ArgumentException("Merge needs at least one key column.", nameof(on));
        }
        foreach (var key in keys)
        {
            var l = this[key].DType;
            var r = right[key].DType;
            if (l.TypeId != r.TypeId)
            {
                throw new ArgumentException(
                    $"Key '{key}' is {l.Name} on the left and {r.Name} on the right; cast one side so both have the same type.", nameof(on));
            }
        }
        var name = TaskKeys.Name("merge", Node.Name, right.Node.Name, string.Join(",", keys), how, strategy);
        return ChooseBroadcast(strategy, NPartitions, right.NPartitions)
            ? BroadcastMerge(right, keys, how, name)
            : ShuffleMerge(right, keys, how, name);
    }

    private static bool ChooseBroadcast(MergeStrategy strategy, int left, int right)
    {
        if (strategy != MergeStrategy.Auto)
        {
            return strategy == MergeStrategy.Broadcast;
        }
        var small = Math.Min(left, right);
        var large = Math.Max(left, right);
        return small == 1 || small < Math.Log2(large) * BroadcastBias;
    }

    private DataFrame BroadcastMerge(DataFrame right, string[] keys, JoinType how, string name)
    {
        // Broadcast the smaller side (fewer partitions; the right one on a tie).
        var buildIsRight = right.NPartitions <= NPartitions;
        var (probe, build) = buildIsRight ? (Node, right.Node) : (right.Node, Node);
        var keepLeft = how is JoinType.Left or JoinType.Outer;
        var keepRight = how is JoinType.Right or JoinType.Outer;
        var join = new HashJoin(keys, buildIsRight, buildIsRight ? keepLeft : keepRight, Schema, right.Schema);
        return new DataFrame(new JoinNode(name, probe, build, keys, join, buildIsRight ? keepRight : keepLeft));
    }

    private DataFrame ShuffleMerge(DataFrame right, string[] keys, JoinType how, string name)
    {
        var partitions = Math.Max(NPartitions, right.NPartitions);
        var join = new ShuffleJoin(keys, how, Schema, right.Schema);
        var node = new MapNode("merge-shuffle", name, join.Schema, [ShuffledNode(keys, partitions), right.ShuffledNode(keys, partitions)],
            (_, _, frames) => join.Join(frames[0], frames[1]));
        return new DataFrame(node);
    }
}
