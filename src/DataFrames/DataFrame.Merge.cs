using Tessera.DataFrames.Joins;
using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>Joins with <paramref name="right"/> on one key column (pandas' merge).</summary>
    public DataFrame Merge(DataFrame right, string on, JoinType how = JoinType.Inner) => Merge(right, [on], how);

    /// <summary>
    /// Joins with <paramref name="right"/> on the key columns <paramref name="on"/> (pandas' merge;
    /// null keys match null keys as in pandas). The side with fewer partitions is broadcast: gathered
    /// and hashed once, then every partition of the other side is joined against it in its own
    /// task. Rows equal pandas' result up to order; the columns are the left frame's, then the
    /// right's non-key columns, shared names suffixed "_x" and "_y".
    /// </summary>
    public DataFrame Merge(DataFrame right, IReadOnlyList<string> on, JoinType how = JoinType.Inner)
    {
        ArgumentNullException.ThrowIfNull(right);
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
        // Broadcast the smaller side (fewer partitions; the right one on a tie).
        var buildIsRight = right.NPartitions <= NPartitions;
        var (probe, build) = buildIsRight ? (Node, right.Node) : (right.Node, Node);
        var keepLeft = how is JoinType.Left or JoinType.Outer;
        var keepRight = how is JoinType.Right or JoinType.Outer;
        var join = new HashJoin(keys, buildIsRight, buildIsRight ? keepLeft : keepRight, Schema, right.Schema);
        var name = TaskKeys.Name("merge", Node.Name, right.Node.Name, string.Join(",", keys), how);
        return new DataFrame(new JoinNode(name, probe, build, keys, join, buildIsRight ? keepRight : keepLeft));
    }
}
