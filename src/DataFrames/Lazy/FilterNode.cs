using Apache.Arrow;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Expressions;
using Tessera.Scheduling;

namespace Tessera.DataFrames.Lazy;

/// <summary>
/// The rows of a frame where a boolean column expression over the same frame is true (a null
/// drops the row), keeping the columns of <see cref="FrameNode.Schema"/>. A query that needs only
/// some of the columns (a count of one column after the filter) projects it: the filter then keeps
/// only those, and its source, when it is a file, reads only those and the condition's.
/// </summary>
internal sealed class FilterNode(string name, Schema schema, FrameNode source, ColumnExpr condition)
    : FrameNode(name, source.Partitions, schema), IProjectableSource
{
    public override IReadOnlyList<FrameNode> Inputs => [source];

    public FrameNode Project(IReadOnlyCollection<string> columns)
    {
        var kept = Schema.FieldsList.Where(f => columns.Contains(f.Name)).ToList();
        if (kept.Count == Schema.FieldsList.Count)
        {
            return this;
        }
        var needed = kept.Select(f => f.Name).Concat(condition.Columns()).Distinct().ToArray();
        var input = source is IProjectableSource file ? file.Project(needed) : source;
        var narrowed = new Schema(kept, null);
        return new FilterNode(TaskKeys.Name("filter", input.Name, condition.ToString(), string.Join(",", kept.Select(f => f.Name))),
            narrowed, input, condition);
    }

    public override void Lower(FrameLowering context)
    {
        var backend = context.Backend;
        var columns = Schema.FieldsList.Select(f => f.Name).ToArray();
        var same = columns.SequenceEqual(source.Schema.FieldsList.Select(f => f.Name));
        for (var p = 0; p < Partitions; p++)
        {
            context.Graph.Add(Key(p), "filter", a =>
            {
                var frame = (Frame)a[0]!;
                var keep = ArrowTake.MaskIndices(ExpressionEvaluator.Evaluate(condition, frame, backend));
                // Only the kept columns are gathered: the condition's own columns are dropped first.
                return ArrowTake.Take(same ? frame : frame.Select(columns), keep);
            }, TaskArg.Ref(source.Key(p)));
        }
    }
}
