using Tessera.DataFrames.Indexing;
using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>Selection by index labels: <c>df.Loc[key]</c> and <c>df.Loc[start, end]</c> (see <see cref="LocIndexer"/>).</summary>
    public LocIndexer Loc => new(this);

    internal DataFrame LocRange(object? start, object? end)
    {
        var index = RequireIndex("Loc");
        var low = start is null ? long.MinValue : OrderKeys.FromValue(start, index.Type, index.Column);
        var high = end is null ? long.MaxValue - 1 : OrderKeys.FromValue(end, index.Type, index.Column);
        var parts = index.Overlapping(low, high, NPartitions);
        var name = TaskKeys.Name("loc", Node.Name, low, high);
        if (parts.Length == 0)
        {
            return new DataFrame(new FramesNode(name, Schema, [Frame.Empty(Schema)]), index with { Divisions = index.KnownDivisions ? [low, low] : null });
        }
        var column = index.Column;
        var node = new GatherNode(name, Schema, [Node], [.. parts.Select(p => new[] { (0, p) })], (_, frames) =>
        {
            var frame = frames[0];
            var keys = frame.Column(frame.IndexOf(column));
            var from = OrderKeys.LowerBound(keys, low);
            var to = OrderKeys.UpperBound(keys, high);
            return frame.Slice(from, Math.Max(0, to - from));
        }, "loc");
        long[]? divisions = null;
        if (index.Divisions is { } d)
        {
            divisions = [Math.Max(low, d[parts[0]]), .. parts.Skip(1).Select(p => d[p]), Math.Min(high, d[parts[^1] + 1])];
        }
        return new DataFrame(node, index with { Divisions = divisions });
    }

    private FrameIndex RequireIndex(string operation) => Index ?? throw new InvalidOperationException(
        $"{operation} needs an index, and this frame has none. Call SetIndex(column) first (sorted: true if the column is already sorted).");
}
