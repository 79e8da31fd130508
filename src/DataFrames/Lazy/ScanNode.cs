using Apache.Arrow;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>
/// A layer where each partition also sees a small carry from its neighbours (dask's map_overlap and
/// cumulative aggregations): <c>carry[0] = initial</c>, <c>carry[i + 1] = step(i, carry[i], partition i)</c>,
/// and output partition i is <c>apply(i, partition i, carry[i])</c>. Carries are small (a window's
/// tail rows, running totals, one open bin), so the chain of carry tasks is cheap while the
/// partitions themselves are computed in parallel. <paramref name="backward"/> runs the chain from
/// the last partition down (a negative shift borrows the next partition's head).
/// </summary>
internal sealed class ScanNode(string name, Schema schema, FrameNode source, object initial,
    Func<int, object, Frame, object> step, Func<int, Frame, object, Frame> apply, bool backward = false)
    : FrameNode(name, source.Partitions, schema)
{
    public override IReadOnlyList<FrameNode> Inputs => [source];

    public override void Lower(FrameLowering context)
    {
        var n = source.Partitions;
        var carries = new string[n];
        var order = backward ? Enumerable.Range(0, n).Reverse().ToArray() : [.. Enumerable.Range(0, n)];
        string? previous = null;
        var before = -1;
        foreach (var p in order)
        {
            var key = TaskKeys.Block(Name + "-carry", [p]);
            if (previous is null)
            {
                context.Graph.AddConstant(key, initial);
            }
            else
            {
                var from = before;
                context.Graph.Add(key, "carry", a => step(from, a[0]!, (Frame)a[1]!), TaskArg.Ref(previous), TaskArg.Ref(source.Key(from)));
            }
            carries[p] = key;
            previous = key;
            before = p;
        }
        for (var p = 0; p < n; p++)
        {
            var partition = p;
            context.Graph.Add(Key(p), "overlap", a => apply(partition, (Frame)a[0]!, a[1]!), TaskArg.Ref(source.Key(p)), TaskArg.Ref(carries[p]));
        }
    }
}
