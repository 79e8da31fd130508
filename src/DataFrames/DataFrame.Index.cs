using Tessera.DataFrames.Indexing;
using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>The index column's name, or null when the frame has no index (rows are then only numbered).</summary>
    public string? IndexName => Index?.Column;

    /// <summary>True when the partitions' index boundaries are known (dask's known_divisions).</summary>
    public bool KnownDivisions => Index?.KnownDivisions == true;

    /// <summary>
    /// The index values that bound the partitions (dask's divisions): NPartitions + 1 values, partition
    /// i holding the index values in [Divisions[i], Divisions[i + 1]) and the last partition also its
    /// upper bound. Every entry is null when the divisions are unknown. Values are long, int, double
    /// or DateTime, as the index column holds.
    /// </summary>
    public IReadOnlyList<object?> Divisions => Index is { Divisions: { } d } index
        ? [.. d.Select(k => OrderKeys.ToValue(k, index.Type))]
        : [.. Enumerable.Repeat<object?>(null, NPartitions + 1)];

    /// <summary>
    /// This frame indexed by <paramref name="column"/>: a distributed sort (dask's set_index). The
    /// column's quantiles are sampled from every partition (computed now) to choose divisions, then
    /// each partition is sorted and its rows sent to the partitions whose divisions hold them, so
    /// the result is sorted along its partitions with known divisions. The sorted partitions wait
    /// between the two steps as frames, which the memory limit spills. With
    /// <paramref name="sorted"/> the column is trusted to be sorted already: only each partition's
    /// first and last values are read (and checked) and no rows move. The index column comes first
    /// in every partition and in <see cref="Compute"/>'s result.
    /// </summary>
    public DataFrame SetIndex(string column, bool sorted = false, int? partitions = null, ComputeOptions? options = null)
    {
        var type = this[column].DType;
        OrderKeys.ThrowIfUnsupported(type, column, "SetIndex");
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions ?? 1, 1, nameof(partitions));
        var first = Node.Schema.FieldsList[0].Name == column
            ? new DataFrame(Node)
            : new DataFrame(Node)[[column, .. Columns.Where(c => c != column)]];
        if (sorted)
        {
            return first.WithIndex(new FrameIndex(column, type, first.SortedDivisions(column, options)));
        }
        var samples = first.EagerPerPartition(frame => Indexing.Divisions.Of(OrderKeys.All(frame.Column(frame.IndexOf(column)))), options);
        var rows = samples.Sum(s => s.Total);
        var present = samples.Sum(s => s.Rows);
        if (present < rows)
        {
            throw new ArgumentException(
                $"'{column}' has {rows - present} null or NaN values; an index needs a value on every row. Call DropNull(\"{column}\") first.",
                nameof(column));
        }
        var divisions = Indexing.Divisions.Choose(samples, partitions ?? NPartitions);
        if (divisions is null)
        {
            return first.WithIndex(new FrameIndex(column, type, null));
        }
        var name = TaskKeys.Name("set-index", Node.Name, column, string.Join(",", divisions));
        return new DataFrame(new ShuffleNode(name, first.Node, divisions, [column], [true]), new FrameIndex(column, type, divisions));
    }

    /// <summary>This frame with its index turned back into an ordinary column (it stays first); divisions are forgotten.</summary>
    public DataFrame ResetIndex() => Index is null ? this : new DataFrame(Node);

    /// <summary>
    /// The rows ordered by <paramref name="columns"/> (dask's sort_values): the first column's
    /// quantiles choose divisions and the rows are shuffled into them as <see cref="SetIndex"/>
    /// does; inside a partition ties on the first column are broken by the next columns, then by
    /// row order. <paramref name="ascending"/> has one entry per column, or one for all (default
    /// ascending). Nulls and NaN come last either way, as in pandas. The index, if any, is kept as a
    /// column but its divisions are forgotten.
    /// </summary>
    public DataFrame SortValues(IReadOnlyList<string> columns, IReadOnlyList<bool>? ascending = null, int? partitions = null, ComputeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("SortValues needs at least one column.", nameof(columns));
        }
        foreach (var c in columns)
        {
            _ = this[c];
        }
        OrderKeys.ThrowIfUnsupported(this[columns[0]].DType, columns[0], "SortValues");
        var directions = ascending switch
        {
            null => [.. columns.Select(_ => true)],
            { Count: 1 } => [.. columns.Select(_ => ascending[0])],
            _ when ascending.Count == columns.Count => ascending.ToArray(),
            _ => throw new ArgumentException(
                $"ascending has {ascending.Count} entries for {columns.Count} columns; give one per column, or one for all.", nameof(ascending)),
        };
        var by = columns.ToArray();
        var samples = EagerPerPartition(frame => Indexing.Divisions.Of(RowSort.SortKeys(frame.Column(frame.IndexOf(by[0])), directions[0])), options);
        var divisions = Indexing.Divisions.Choose(samples, partitions ?? NPartitions) ?? [0, 0];
        var name = TaskKeys.Name("sort-values", Node.Name, string.Join(",", by), string.Join(",", directions), string.Join(",", divisions));
        return new DataFrame(new ShuffleNode(name, Node, divisions, by, directions),
            Index is { } index ? index with { Divisions = null } : null);
    }

    /// <summary>The rows ordered by one column (see <see cref="SortValues(IReadOnlyList{string}, IReadOnlyList{bool}?, int?, ComputeOptions?)"/>).</summary>
    public DataFrame SortValues(string column, bool ascending = true, ComputeOptions? options = null) =>
        SortValues([column], [ascending], options: options);

    /// <summary>Runs <paramref name="function"/> on every partition now and returns the results in partition order.</summary>
    internal T[] EagerPerPartition<T>(Func<Frame, T> function, ComputeOptions? options)
    {
        var context = FrameLowering.For(options);
        context.Lower(Node);
        var keys = new string[NPartitions];
        var name = TaskKeys.Name("eager", Node.Name, function);
        for (var p = 0; p < NPartitions; p++)
        {
            keys[p] = TaskKeys.Block(name, [p]);
            context.Graph.Add(keys[p], "partition-summary", a => function((Frame)a[0]!), TaskArg.Ref(Node.Key(p)));
        }
        return [.. GraphRunner.Run(context.Graph, keys, options).Select(r => (T)r!)];
    }

    /// <summary>Divisions of a column already sorted along the partitions: each partition's first value, then the last one's last.</summary>
    private long[]? SortedDivisions(string column, ComputeOptions? options)
    {
        var bounds = EagerPerPartition<(int Rows, long Min, long Max)>(frame =>
        {
            var keys = frame.Column(frame.IndexOf(column));
            if (!RowSort.IsSorted(keys))
            {
                return (-1, 0L, 0L);
            }
            return frame.RowCount == 0 ? (0, 0L, 0L) : (frame.RowCount, OrderKeys.Of(keys, 0), OrderKeys.Of(keys, frame.RowCount - 1));
        }, options);
        for (var p = 0; p < bounds.Length; p++)
        {
            if (bounds[p].Rows < 0)
            {
                throw new ArgumentException(
                    $"SetIndex(\"{column}\", sorted: true): partition {p} is not sorted by '{column}'. Call SetIndex(\"{column}\") without sorted to sort it.",
                    nameof(column));
            }
            if (bounds[p].Max == OrderKeys.Missing && bounds[p].Rows > 0)
            {
                throw new ArgumentException($"'{column}' has null or NaN values; an index needs a value on every row. Call DropNull(\"{column}\") first.", nameof(column));
            }
        }
        var filled = bounds.Select((b, p) => (b, p)).Where(x => x.b.Rows > 0).ToArray();
        if (filled.Length == 0)
        {
            return null;
        }
        for (var i = 1; i < filled.Length; i++)
        {
            var (before, after) = (filled[i - 1], filled[i]);
            if (before.b.Max >= after.b.Min)
            {
                throw new ArgumentException(
                    $"SetIndex(\"{column}\", sorted: true): partition {before.p} ends at a value partition {after.p} starts at or below, so the partitions overlap. " +
                    $"Call SetIndex(\"{column}\") without sorted to shuffle the rows into distinct ranges.", nameof(column));
            }
        }
        var divisions = new long[bounds.Length + 1];
        var last = filled[^1].b.Max;
        divisions[bounds.Length] = last;
        // An empty partition takes the next filled partition's first value (or the last value), so its range is empty.
        var next = last;
        for (var p = bounds.Length - 1; p >= 0; p--)
        {
            if (bounds[p].Rows > 0)
            {
                next = bounds[p].Min;
            }
            divisions[p] = next;
        }
        return divisions;
    }
}
