using Tessera.DataFrames.Indexing;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>
/// A range shuffle (dask's set_index and sort_values): each input partition's rows are grouped by
/// the output partition their key falls in (a stable counting sort, not a full sort) in its own
/// task, and output partition j gathers, from every grouped input, the rows whose key lies in
/// [divisions[j], divisions[j + 1]) (the last also takes its upper bound and the nulls), then
/// sorts them (by one column: straight from the pieces, <see cref="PieceSort"/>): one sort per row in all. Groups are in key-range order, so "key below d" is
/// monotone along a grouped input and its slice is found by binary search. The grouped inputs are
/// frames, so the memory limit counts and spills them between the two steps like any partition.
/// </summary>
internal sealed class ShuffleNode(string name, FrameNode source, long[] divisions, string[] columns, bool[] ascending)
    : FrameNode(name, divisions.Length - 1, source.Schema)
{
    public override IReadOnlyList<FrameNode> Inputs => [source];

    public override void Lower(FrameLowering context)
    {
        var sorted = new string[source.Partitions];
        for (var p = 0; p < source.Partitions; p++)
        {
            sorted[p] = TaskKeys.Block(Name + "-sort", [p]);
            context.Graph.Add(sorted[p], "shuffle-split", a => Group((Frame)a[0]!), TaskArg.Ref(source.Key(p)));
        }
        var args = sorted.Select(TaskArg.Ref).ToArray();
        for (var j = 0; j < Partitions; j++)
        {
            var output = j;
            context.Graph.Add(Key(j), "shuffle-gather", a =>
            {
                var pieces = new List<Frame>(a.Length);
                for (var i = 0; i < a.Length; i++)
                {
                    var frame = (Frame)a[i]!;
                    var keys = frame.Column(frame.IndexOf(columns[0]));
                    var start = output == 0 ? 0 : LowerBound(keys, divisions[output], ascending[0]);
                    var end = output == divisions.Length - 2 ? keys.Length : LowerBound(keys, divisions[output + 1], ascending[0]);
                    pieces.Add(frame.Slice(start, end - start));
                }
                // One sort column (SetIndex, most SortValues): sorted straight from the pieces, without a concatenated copy.
                return columns.Length == 1 ? PieceSort.Sort(pieces, columns[0], ascending[0]) : RowSort.Sort(Frame.Concat(pieces), columns, ascending);
            }, args);
        }
    }

    /// <summary>The rows grouped by destination partition, each group in row order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private Frame Group(Frame frame)
    {
        var keys = RowSort.SortKeys(frame.Column(frame.IndexOf(columns[0])), ascending[0]);
        var destination = new int[keys.Length];
        var counts = new int[divisions.Length];
        var grouped = true;
        for (var i = 0; i < keys.Length; i++)
        {
            destination[i] = Indexing.Divisions.PartitionOf(divisions, keys[i]);
            counts[destination[i] + 1]++;
            grouped &= i == 0 || destination[i] >= destination[i - 1];
        }
        if (grouped)
        {
            return frame;
        }
        for (var j = 1; j < counts.Length; j++)
        {
            counts[j] += counts[j - 1];
        }
        var order = new int[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            order[counts[destination[i]]++] = i;
        }
        return Columns.ArrowTake.Take(frame, order);
    }

    /// <summary>The first row of a column sorted by its sort keys whose key is at least <paramref name="key"/>.</summary>
    private static int LowerBound(Apache.Arrow.IArrowArray keys, long key, bool ascending)
    {
        int lo = 0, hi = keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (RowSort.KeyAt(keys, mid, ascending) < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
