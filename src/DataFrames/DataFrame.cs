using Apache.Arrow;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Expressions;
using Tessera.DataFrames.Indexing;
using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

/// <summary>
/// A lazy table split into partitions along its rows, each partition an Arrow record batch: dask's
/// DataFrame for .NET. Operations build a task graph; <see cref="Compute"/> runs it on the
/// scheduler (threads or synchronous, with the options' device, memory limit and observers) and
/// returns an in-memory <see cref="Frame"/>.
/// <code>
/// var df = DataFrame.ReadCsv("data/accounts.*.csv");
/// var mean = df.GroupBy("names")["amount"].Mean().Compute();
/// long alices = df[df["names"] == "Alice"]["id"].Count().Compute();
/// </code>
/// </summary>
public sealed partial class DataFrame
{
    internal DataFrame(FrameNode node, FrameIndex? index = null)
    {
        Node = node;
        Index = index;
    }

    internal FrameNode Node { get; }

    /// <summary>The index column and its divisions, or null when the frame has no index.</summary>
    internal FrameIndex? Index { get; }

    /// <summary>The columns' names and Arrow types.</summary>
    public Schema Schema => Node.Schema;

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => [.. Schema.FieldsList.Select(f => f.Name)];

    /// <summary>The number of partitions.</summary>
    public int NPartitions => Node.Partitions;

    /// <summary>The column named <paramref name="name"/>, lazily.</summary>
    public Column this[string name]
    {
        get
        {
            if (Schema.GetFieldIndex(name) < 0)
            {
                throw Frame.MissingColumn(name, Columns);
            }
            return new Column(Node, new ColumnRef(name), name);
        }
    }

    /// <summary>The named columns, in the given order (pandas' <c>df[["a", "b"]]</c>).</summary>
    public DataFrame this[IReadOnlyList<string> names]
    {
        get
        {
            foreach (var name in names)
            {
                _ = this[name];
            }
            // The index column travels with every selection, as pandas keeps the index.
            var kept = Index is { } index && !names.Contains(index.Column) ? [index.Column, .. names] : names.ToArray();
            var schema = new Schema([.. kept.Select(n => Schema.GetFieldByName(n))], null);
            return Map("select", schema, (_, frame) => frame.Select(kept), string.Join(",", kept)).WithIndex(Index);
        }
    }

    /// <summary>The rows where <paramref name="mask"/> is true (a null mask entry drops the row).</summary>
    public DataFrame this[Column mask]
    {
        get
        {
            if (mask.DType.TypeId != Apache.Arrow.Types.ArrowTypeId.Boolean)
            {
                throw new ArgumentException(
                    $"A row mask must be a boolean column; '{mask.Name}' is {mask.DType.Name}. Compare a column with a value, e.g. df[df[\"amount\"] > 0].",
                    nameof(mask));
            }
            var (source, rows, condition) = Column.Align(SelfColumn(), mask.Expression, mask.Source);
            if (source == Node)
            {
                // A mask over this frame's own columns: a node that a later column selection can project.
                return new DataFrame(new FilterNode(TaskKeys.Name("filter", source.Name, condition.ToString()), Schema, source, condition), Index);
            }
            var columns = Columns.ToArray();
            var left = columns.Select(c => "l." + c).ToArray();
            var schema = Schema;
            return new DataFrame(new MapNode("filter", TaskKeys.Name("filter", source.Name, condition.ToString()), schema, [source],
                (backend, _, frames) =>
                {
                    var frame = frames[0];
                    var keep = ArrowTake.MaskIndices(ExpressionEvaluator.Evaluate(condition, frame, backend));
                    var selected = new Frame(schema, [.. left.Select(c => frame.Column(frame.IndexOf(c)))], frame.RowCount);
                    return ArrowTake.Take(selected, keep);
                }), Index);
        }
    }

    /// <summary>This frame with column <paramref name="name"/> set to <paramref name="value"/> (replaced in place, or added last).</summary>
    public DataFrame Assign(string name, Column value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var (source, _, expression) = Column.Align(SelfColumn(), value.Expression, value.Source);
        var columns = Columns.ToArray();
        var zipped = source != Node;
        var type = ExpressionEvaluator.TypeOf(expression, source.Schema);
        var fields = Schema.FieldsList.ToList();
        var at = Schema.GetFieldIndex(name);
        var field = new Field(name, type, nullable: true);
        if (at >= 0)
        {
            fields[at] = field;
        }
        else
        {
            fields.Add(field);
        }
        var schema = new Schema(fields, null);
        return new DataFrame(new MapNode("assign", TaskKeys.Name("assign", source.Name, name, expression.ToString()), schema, [source],
            (backend, _, frames) =>
            {
                var frame = frames[0];
                var values = ExpressionEvaluator.Evaluate(expression, frame, backend);
                var own = zipped ? new Frame(Schema, [.. columns.Select(c => frame.Column(frame.IndexOf("l." + c)))], frame.RowCount) : frame;
                return own.Assign(name, values);
            }), name == Index?.Column ? null : Index);
    }

    /// <summary>This frame without the named columns.</summary>
    public DataFrame Drop(params string[] names)
    {
        foreach (var name in names)
        {
            _ = this[name];
            if (name == Index?.Column)
            {
                throw new ArgumentException($"'{name}' is the index; call ResetIndex() before dropping it.", nameof(names));
            }
        }
        return this[[.. Columns.Where(c => !names.Contains(c))]];
    }

    /// <summary>The rows with no null in <paramref name="subset"/> (every column when none are named), as pandas' dropna.</summary>
    public DataFrame DropNull(params string[] subset)
    {
        var columns = subset.Length == 0 ? Columns.ToArray() : subset;
        foreach (var name in columns)
        {
            _ = this[name];
        }
        return Map("dropna", Schema, (_, frame) =>
        {
            var arrays = columns.Select(c => frame.Column(frame.IndexOf(c))).ToArray();
            if (arrays.All(a => a.NullCount == 0))
            {
                return frame;
            }
            var keep = Enumerable.Range(0, frame.RowCount).Where(i => arrays.All(a => a.IsValid(i))).ToArray();
            return ArrowTake.Take(frame, keep);
        }, string.Join(",", columns)).WithIndex(Index);
    }

    /// <summary>Nulls of every column of a matching kind replaced by <paramref name="value"/> (a number for numeric columns, a string for string columns).</summary>
    public DataFrame FillNull(object value)
    {
        var result = this;
        foreach (var field in Schema.FieldsList)
        {
            var numeric = ArrowColumns.IsNumeric(field.DataType) && field.DataType.TypeId != Apache.Arrow.Types.ArrowTypeId.Boolean;
            var fits = value is string ? field.DataType.TypeId == Apache.Arrow.Types.ArrowTypeId.String : numeric || (value is bool && field.DataType.TypeId == Apache.Arrow.Types.ArrowTypeId.Boolean);
            if (fits && field.Name != Index?.Column)
            {
                result = result.Assign(field.Name, result[field.Name].FillNull(value));
            }
        }
        return result;
    }

    /// <summary>
    /// <paramref name="function"/> applied to every partition (dask's map_partitions). The result's
    /// columns are found by calling it once on an empty partition, as dask infers its meta.
    /// </summary>
    public DataFrame MapPartitions(Func<Frame, Frame> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var schema = function(Frame.Empty(Schema)).Schema;
        return new DataFrame(new MapNode("map-partitions", TaskKeys.Name("map-partitions", Node.Name, function), schema, [Node],
            (_, _, frames) => function(frames[0])), schema.GetFieldIndex(Index?.Column ?? "\0") >= 0 ? Index : null);
    }

    /// <summary>The frames' partitions one after another (columns matched by name).</summary>
    public static DataFrame Concat(params DataFrame[] frames)
    {
        if (frames.Length == 0)
        {
            throw new ArgumentException("Concat needs at least one frame.", nameof(frames));
        }
        var first = frames[0];
        foreach (var frame in frames)
        {
            if (!frame.Columns.Order().SequenceEqual(first.Columns.Order()))
            {
                throw new ArgumentException(
                    $"Frames to concatenate must have the same columns; one has [{string.Join(", ", frame.Columns)}], the first [{string.Join(", ", first.Columns)}].",
                    nameof(frames));
            }
        }
        var nodes = frames.Select(f => f.Node).ToArray();
        var columns = first.Columns.ToArray();
        return new DataFrame(new ConcatNode(TaskKeys.Name("concat", [.. nodes.Select(n => n.Name)]), first.Schema, nodes, columns));
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var fields = Schema.FieldsList;
        var names = fields.Select(f => f.Name).ToArray();
        var types = fields.Select(f => ArrowColumns.PandasName(f.DataType)).ToArray();
        var widths = names.Select((n, i) => Math.Max(n.Length, types[i].Length)).ToArray();
        var label = $"npartitions={NPartitions}";
        var text = new System.Text.StringBuilder("Tessera DataFrame Structure:\n");
        text.Append(new string(' ', label.Length));
        for (var i = 0; i < names.Length; i++)
        {
            text.Append("  ").Append(names[i].PadLeft(widths[i]));
        }
        text.Append('\n').Append(label).Append('\n').Append(new string(' ', label.Length));
        for (var i = 0; i < names.Length; i++)
        {
            text.Append("  ").Append(types[i].PadLeft(widths[i]));
        }
        text.Append('\n').Append(new string(' ', label.Length));
        for (var i = 0; i < names.Length; i++)
        {
            text.Append("  ").Append("...".PadLeft(widths[i]));
        }
        return text.Append("\nTessera Name: ").Append(Node.Name).ToString();
    }

    internal DataFrame Map(string kind, Schema schema, Func<Kernels.Backends.IComputeBackend, Frame, Frame> map, params object?[] parameters) =>
        new(new MapNode(kind, TaskKeys.Name(kind, [Node.Name, .. parameters]), schema, [Node], (backend, _, frames) => map(backend, frames[0])));

    /// <summary>This frame's graph with <paramref name="index"/> as its index (same partitions).</summary>
    internal DataFrame WithIndex(FrameIndex? index) => index == Index ? this : new(Node, index);

    private Column SelfColumn() => new(Node, new ColumnRef(Columns.Count > 0 ? Columns[0] : "?"), "?");
}
