using Apache.Arrow;

namespace Tessera.DataFrames.Joins;

/// <summary>
/// One partition of a shuffle join: both sides' partition j hold every row whose key hashes to j,
/// so joining them alone gives all the result rows for those keys. The right piece is hashed (the
/// build side); left rows probe it; for right and outer joins the right rows nothing matched
/// follow, with the left columns null.
/// </summary>
internal sealed class ShuffleJoin(string[] keys, JoinType how, Schema leftSchema, Schema rightSchema)
{
    private readonly HashJoin _join = new(keys, buildIsRight: true, keepProbeUnmatched: how is JoinType.Left or JoinType.Outer, leftSchema, rightSchema);

    public Schema Schema => _join.Schema;

    public Frame Join(Frame left, Frame right)
    {
        var build = new BuildSide(right, keys);
        var piece = _join.Probe(left, build);
        if (how is not (JoinType.Right or JoinType.Outer))
        {
            return piece.Frame;
        }
        var unmatched = _join.Unmatched(build, [piece], leftSchema);
        return unmatched.RowCount == 0 ? piece.Frame : Frame.Concat([piece.Frame, unmatched]);
    }
}
