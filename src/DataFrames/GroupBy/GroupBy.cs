using Apache.Arrow;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Grouping;
using Tessera.DataFrames.Lazy;
using Tessera.DataFrames.Shuffle;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

/// <summary>
/// A lazy group-by (<c>df.GroupBy("names")["amount"].Mean()</c>). Aggregations hash each partition's
/// rows by key, merge the partials in a tree, and return a one-partition frame laid out as pandas'
/// <c>reset_index()</c> of the result: the key columns, then one column per aggregate, one row per
/// group, sorted by key. With <c>splitOut: n</c> (dask's <c>split_out</c>) above 1 the partials
/// are shuffled by key into n partitions instead, each holding its own groups sorted by key (not
/// sorted across partitions); with <c>splitOut: null</c> a frame already in memory gets n from an
/// estimate of the partials' size, and a lazy one gets 1 (see docs/dataframe-shuffle.md).
/// </summary>
public sealed class GroupBy
{
    private readonly DataFrame _frame;
    private readonly string[] _keys;
    private readonly string[]? _columns;

    internal GroupBy(DataFrame frame, string[] keys, string[]? columns)
    {
        if (keys.Length == 0)
        {
            throw new ArgumentException("GroupBy needs at least one key column.", nameof(keys));
        }
        foreach (var name in keys.Concat(columns ?? []))
        {
            _ = frame[name];
        }
        _frame = frame;
        _keys = keys;
        _columns = columns;
    }

    /// <summary>The group-by restricted to one value column.</summary>
    public GroupBy this[string column] => new(_frame, _keys, [column]);

    /// <summary>The group-by restricted to some value columns.</summary>
    public GroupBy this[IReadOnlyList<string> columns] => new(_frame, _keys, [.. columns]);

    /// <summary>The sum of each value column per group (nulls skipped; int columns give int64).</summary>
    public DataFrame Sum(int? splitOut = null) => Aggregate(AggKind.Sum, splitOut);

    /// <summary>The mean of each value column per group (nulls skipped).</summary>
    public DataFrame Mean(int? splitOut = null) => Aggregate(AggKind.Mean, splitOut);

    /// <summary>The non-null values of each value column per group.</summary>
    public DataFrame Count(int? splitOut = null) => Aggregate(AggKind.Count, splitOut);

    /// <summary>The rows per group (nulls included).</summary>
    public DataFrame Size(int? splitOut = null)
    {
        var column = _keys[0];
        return Build([new AggSpec(column, AggKind.Size, "size")], splitOut);
    }

    /// <summary>The least value of each value column per group.</summary>
    public DataFrame Min(int? splitOut = null) => Aggregate(AggKind.Min, splitOut);

    /// <summary>The greatest value of each value column per group.</summary>
    public DataFrame Max(int? splitOut = null) => Aggregate(AggKind.Max, splitOut);

    /// <summary>The sample standard deviation (ddof 1) of each value column per group.</summary>
    public DataFrame Std(int? splitOut = null) => Aggregate(AggKind.Std, splitOut);

    /// <summary>The sample variance (ddof 1) of each value column per group.</summary>
    public DataFrame Var(int? splitOut = null) => Aggregate(AggKind.Var, splitOut);

    /// <summary>The first non-null value of each value column per group, in row order.</summary>
    public DataFrame First(int? splitOut = null) => Aggregate(AggKind.First, splitOut);

    /// <summary>The last non-null value of each value column per group, in row order.</summary>
    public DataFrame Last(int? splitOut = null) => Aggregate(AggKind.Last, splitOut);

    /// <summary>The distinct non-null values of each value column per group.</summary>
    public DataFrame NUnique(int? splitOut = null) => Aggregate(AggKind.NUnique, splitOut);

    /// <summary>
    /// Several aggregates at once: <c>Agg(("amount", "sum"), ("amount", "max"), ("id", "count"))</c>.
    /// Output columns are named after their column when each column appears once, else
    /// <c>column_function</c> (amount_sum, amount_max).
    /// </summary>
    public DataFrame Agg(params (string Column, string Function)[] aggregations) => Agg(aggregations, null);

    /// <summary>Several aggregates at once (see the params overload), the result in <paramref name="splitOut"/> partitions.</summary>
    public DataFrame Agg(IReadOnlyList<(string Column, string Function)> aggregations, int? splitOut)
    {
        ArgumentNullException.ThrowIfNull(aggregations);
        if (aggregations.Count == 0)
        {
            throw new ArgumentException("Agg needs at least one (column, function) pair, e.g. (\"amount\", \"sum\").", nameof(aggregations));
        }
        var unique = aggregations.Select(a => a.Column).Distinct().Count() == aggregations.Count;
        var specs = aggregations.Select(a =>
        {
            _ = _frame[a.Column];
            var kind = AggKinds.Parse(a.Function);
            return new AggSpec(a.Column, kind, unique ? a.Column : $"{a.Column}_{a.Function.ToLowerInvariant()}");
        }).ToArray();
        return Build(specs, splitOut);
    }

    /// <summary>
    /// <paramref name="function"/> applied to each group's rows (a frame), results concatenated with
    /// the group's keys in front when the result lacks them, groups in key order. Every group is
    /// gathered into one task, so this suits frames that fit in memory.
    /// </summary>
    public DataFrame Apply(Func<Frame, Frame> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var keys = _keys;
        var keyTypes = keys.Select(k => _frame.Schema.GetFieldByName(k).DataType).ToArray();
        var columns = _columns;
        var sample = function(Frame.Empty(_frame.Schema));
        var schema = WithKeys(sample.Schema, keys, keyTypes);
        var reduction = new TreeReduction(TaskKeys.Name("groupby-apply", _frame.Node.Name, string.Join(",", keys), function), _frame.Node,
            (_, frame) => frame, parts => Frame.Concat([.. parts.Cast<Frame>()]), whole => GroupApply.Run((Frame)whole, keys, keyTypes, columns, function, schema));
        return new DataFrame(new TreeNode(reduction, schema));
    }

    private static Schema WithKeys(Schema result, string[] keys, Apache.Arrow.Types.IArrowType[] keyTypes)
    {
        var fields = keys.Where(k => result.GetFieldIndex(k) < 0).Select((k, i) => new Field(k, keyTypes[Array.IndexOf(keys, k)], true)).ToList();
        fields.AddRange(result.FieldsList);
        return new Schema(fields, null);
    }

    private DataFrame Aggregate(AggKind kind, int? splitOut)
    {
        var columns = _columns ?? [.. _frame.Columns.Where(c => !_keys.Contains(c))];
        if (_columns is null && AggKinds.Numeric(kind))
        {
            // pandas drops the columns an aggregation cannot take (its "nuisance" columns).
            columns = [.. columns.Where(c => ArrowColumns.IsNumeric(_frame.Schema.GetFieldByName(c).DataType))];
        }
        return Build([.. columns.Select(c => new AggSpec(c, kind, c))], splitOut);
    }

    private DataFrame Build(AggSpec[] specs, int? splitOut)
    {
        if (splitOut < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(splitOut), splitOut,
                "splitOut is the number of output partitions and must be at least 1; pass null to let the group-by choose.");
        }
        var keys = _keys;
        var keyTypes = keys.Select(k => _frame.Schema.GetFieldByName(k).DataType).ToArray();
        var fields = keys.Select((k, i) => new Field(k, keyTypes[i], true))
            .Concat(specs.Select(s => new Field(s.Output, GroupPartial.OutputType(s.Kind, _frame.Schema.GetFieldByName(s.Column).DataType), true)))
            .ToList();
        var duplicate = fields.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The result would have two columns named '{duplicate.Key}'. Aggregate a key column with Agg under another name.");
        }
        var schema = new Schema(fields, null);
        var description = string.Join(";", specs.Select(s => $"{s.Column}:{s.Kind}:{s.Output}"));
        // Straight over a file, only the keys and aggregated columns are read.
        var source = _frame.Node is IProjectableSource file ? file.Project([.. keys, .. specs.Select(s => s.Column)]) : _frame.Node;
        var partitions = splitOut ?? SplitOutChoice.Choose(_frame, keys, specs.Length);
        if (partitions > 1)
        {
            // Many groups: partials are shuffled by key so that each output partition merges only its own groups.
            var node = new GroupByShuffleNode(TaskKeys.Name("groupby-split", source.Name, string.Join(",", keys), description, partitions),
                source, new HashPartitioner(keys, partitions), frame => GroupPartial.Chunk(frame, keys, specs),
                partial => partial.Finish(keys, keyTypes, specs, schema), schema);
            return new DataFrame(node);
        }
        var reduction = new TreeReduction(TaskKeys.Name("groupby", source.Name, string.Join(",", keys), description), source,
            (_, frame) => GroupPartial.Chunk(frame, keys, specs),
            parts => GroupPartial.Combine([.. parts.Cast<GroupPartial>()]),
            partial => ((GroupPartial)partial).Finish(keys, keyTypes, specs, schema));
        return new DataFrame(new TreeNode(reduction, schema));
    }
}
