using Tessera.DataFrames.Indexing;
using Tessera.DataFrames.Joins;
using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>
    /// Joins with <paramref name="right"/> on both frames' index (pandas' merge with left_index and
    /// right_index). With known divisions nothing is shuffled or broadcast: equal divisions join
    /// partition i with partition i, and otherwise both sides are first cut at the union of their
    /// divisions (each new partition reading only the old ones it overlaps). Each partition's result
    /// is sorted by the index, so the result keeps the aligned divisions. Without known divisions
    /// this is a broadcast <see cref="Merge(DataFrame, string, JoinType)"/> on the index column.
    /// The columns are laid out as Merge lays them out.
    /// </summary>
    public DataFrame MergeOnIndex(DataFrame right, JoinType how = JoinType.Inner)
    {
        ArgumentNullException.ThrowIfNull(right);
        var left = RequireIndex("MergeOnIndex");
        var other = right.RequireIndex("MergeOnIndex (right frame)");
        if (left.Type.TypeId != other.Type.TypeId)
        {
            throw new ArgumentException(
                $"The left index '{left.Column}' is {left.Type.Name} and the right index '{other.Column}' is {other.Type.Name}; index both by the same type.",
                nameof(right));
        }
        if (left.Column != other.Column)
        {
            throw new ArgumentException(
                $"The indexes are named '{left.Column}' and '{other.Column}'; give them one name (Assign a copy of the column and SetIndex it) so the result has one index column.",
                nameof(right));
        }
        if (left.Divisions is not { } ld || other.Divisions is not { } rd)
        {
            return Merge(right, [left.Column], how);
        }
        var (l, r, divisions) = ld.SequenceEqual(rd) ? (this, right, ld) : Align(right, ld, rd);
        var keys = new[] { left.Column };
        var keepLeft = how is JoinType.Left or JoinType.Outer;
        var keepRight = how is JoinType.Right or JoinType.Outer;
        var join = new HashJoin(keys, buildIsRight: true, keepLeft, Schema, right.Schema);
        var leftSchema = Schema;
        var sources = Enumerable.Range(0, divisions.Length - 1).Select(p => new[] { (0, p), (1, p) }).ToArray();
        var name = TaskKeys.Name("merge-index", l.Node.Name, r.Node.Name, how);
        var node = new GatherNode(name, join.Schema, [l.Node, r.Node], sources, (_, frames) =>
        {
            var build = new BuildSide(frames[1], keys);
            var piece = join.Probe(frames[0], build);
            var result = keepRight ? Frame.Concat([piece.Frame, join.Unmatched(build, [piece], leftSchema)]) : piece.Frame;
            return RowSort.Sort(result, keys, [true]);
        }, "merge-index");
        return new DataFrame(node, left with { Divisions = divisions });
    }

    private (DataFrame Left, DataFrame Right, long[] Divisions) Align(DataFrame right, long[] left, long[] other)
    {
        var union = left.Concat(other).Distinct().Order().ToArray();
        if (union.Length < 2)
        {
            union = [union[0], union[0]];
        }
        return (RepartitionAt(union), right.RepartitionAt(union), union);
    }
}
