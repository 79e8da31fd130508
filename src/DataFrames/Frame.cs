using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;

namespace Tessera.DataFrames;

/// <summary>
/// An in-memory table: named columns of equal length, each an Arrow array (what
/// <see cref="DataFrame.Compute"/> returns, and what one partition of a <see cref="DataFrame"/> holds).
/// Rows are numbered 0..n-1; there is no other index (a lazy frame's partitions are concatenated
/// in order). Immutable: every operation returns a new frame sharing the unchanged columns.
/// </summary>
public sealed partial class Frame
{
    private readonly IArrowArray[] _columns;

    internal Frame(Schema schema, IArrowArray[] columns, int rowCount)
    {
        if (schema.FieldsList.Count != columns.Length)
        {
            throw new ArgumentException($"The schema has {schema.FieldsList.Count} fields but {columns.Length} columns were given.");
        }
        for (var i = 0; i < columns.Length; i++)
        {
            if (columns[i].Length != rowCount)
            {
                throw new ArgumentException(
                    $"Column '{schema.FieldsList[i].Name}' has {columns[i].Length} values; the frame has {rowCount} rows. Every column needs one value per row.");
            }
        }
        Schema = schema;
        _columns = columns;
        RowCount = rowCount;
    }

    /// <summary>A frame over the columns of <paramref name="batch"/> (not copied).</summary>
    public Frame(RecordBatch batch)
        : this((batch ?? throw new ArgumentNullException(nameof(batch))).Schema, [.. batch.Arrays], batch.Length)
    {
    }

    /// <summary>A frame of the named columns, in order; every array must have the same length.</summary>
    public static Frame FromColumns(params (string Name, IArrowArray Values)[] columns)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in columns)
        {
            if (!names.Add(name))
            {
                throw new ArgumentException($"Column '{name}' is given twice; column names must be unique.", nameof(columns));
            }
        }
        var schema = new Schema([.. columns.Select(c => new Field(c.Name, c.Values.Data.DataType, nullable: true))], null);
        return new Frame(schema, [.. columns.Select(c => c.Values)], columns.Length == 0 ? 0 : columns[0].Values.Length);
    }

    /// <summary>The columns' names and Arrow types.</summary>
    public Schema Schema { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>
    /// Malformed CSV rows dropped while reading this frame's rows (only when the read asked for
    /// <see cref="IO.Csv.BadRowAction.Skip"/>); never a silent loss, so the count travels with the rows.
    /// </summary>
    public long SkippedRows { get; init; }

    /// <summary>The number of columns.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => [.. Schema.FieldsList.Select(f => f.Name)];

    /// <summary>The column named <paramref name="name"/>.</summary>
    public Series this[string name] => new(name, Column(IndexOf(name)));

    /// <summary>The named columns, in the given order (pandas' <c>df[["a", "b"]]</c>).</summary>
    public Frame this[IReadOnlyList<string> names] => Select(names);

    /// <summary>The rows where <paramref name="mask"/> (a boolean series of this frame's length) is true.</summary>
    public Frame this[Series mask] => mask.Length == RowCount
        ? ArrowTake.Take(this, ArrowTake.MaskIndices(mask.Values))
        : throw new ArgumentException($"The mask has {mask.Length} values; the frame has {RowCount} rows.", nameof(mask));

    /// <summary>The Arrow array of column <paramref name="index"/>.</summary>
    public IArrowArray Column(int index) => _columns[index];

    /// <summary>The position of column <paramref name="name"/>; throws listing the columns when there is none.</summary>
    public int IndexOf(string name)
    {
        var i = Schema.GetFieldIndex(name);
        return i >= 0 ? i : throw MissingColumn(name, Columns);
    }

    /// <summary>The value at <paramref name="row"/> of column <paramref name="column"/>: long, int, double, float, bool, string, DateTime or null.</summary>
    public object? GetValue(string column, int row) => ArrowColumns.GetValue(Column(IndexOf(column)), row);

    /// <summary>The named columns, in the given order.</summary>
    public Frame Select(IReadOnlyList<string> names)
    {
        var indices = names.Select(IndexOf).ToArray();
        return new Frame(new Schema([.. indices.Select(i => Schema.GetFieldByIndex(i))], null), [.. indices.Select(Column)], RowCount);
    }

    /// <summary>This frame with column <paramref name="name"/> set to <paramref name="values"/> (replaced in place, or added last).</summary>
    public Frame Assign(string name, IArrowArray values)
    {
        if (values.Length != RowCount)
        {
            throw new ArgumentException($"'{name}' has {values.Length} values; the frame has {RowCount} rows.", nameof(values));
        }
        var fields = Schema.FieldsList.ToList();
        var columns = _columns.ToList();
        var field = new Field(name, values.Data.DataType, nullable: true);
        var at = Schema.GetFieldIndex(name);
        if (at >= 0)
        {
            fields[at] = field;
            columns[at] = values;
        }
        else
        {
            fields.Add(field);
            columns.Add(values);
        }
        return new Frame(new Schema(fields, null), [.. columns], RowCount);
    }

    /// <summary>This frame without the named columns.</summary>
    public Frame Drop(params string[] names)
    {
        foreach (var name in names)
        {
            IndexOf(name);
        }
        return Select([.. Columns.Where(c => !names.Contains(c))]);
    }

    /// <summary>The first <paramref name="n"/> rows.</summary>
    public Frame Head(int n = 5) => Slice(0, Math.Min(Math.Max(n, 0), RowCount));

    /// <summary>The last <paramref name="n"/> rows.</summary>
    public Frame Tail(int n = 5)
    {
        var count = Math.Min(Math.Max(n, 0), RowCount);
        return Slice(RowCount - count, count);
    }

    /// <summary>Rows <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="length"/> (shared, not copied).</summary>
    public Frame Slice(int offset, int length) =>
        new(Schema, [.. _columns.Select(c => ArrowArrayFactory.Slice(c, offset, length))], length);

    /// <summary>The frame as an Arrow record batch (no copy).</summary>
    public RecordBatch ToArrow() => new(Schema, _columns, RowCount);

    /// <summary>The frame as a Microsoft.Data.Analysis data frame, for users of that library.</summary>
    public Microsoft.Data.Analysis.DataFrame ToDataAnalysis() =>
        Microsoft.Data.Analysis.DataFrame.FromArrowRecordBatch(Compact().ToArrow());

    /// <summary>An empty frame with <paramref name="schema"/>'s columns.</summary>
    public static Frame Empty(Schema schema) =>
        new(schema, [.. schema.FieldsList.Select(f => ArrowTake.Take(EmptyOf(f.DataType), []))], 0);

    /// <summary>The frames' rows one after another; columns are matched by name to the first frame's.</summary>
    public static Frame Concat(IReadOnlyList<Frame> frames)
    {
        if (frames.Count == 0)
        {
            throw new ArgumentException("Concat needs at least one frame.", nameof(frames));
        }
        var first = frames[0];
        if (frames.Count == 1)
        {
            return first;
        }
        var skipped = frames.Sum(f => f.SkippedRows);
        var columns = new IArrowArray[first.ColumnCount];
        for (var c = 0; c < columns.Length; c++)
        {
            var name = first.Schema.GetFieldByIndex(c).Name;
            var parts = new List<IArrowArray>(frames.Count);
            foreach (var frame in frames)
            {
                var at = frame.Schema.GetFieldIndex(name);
                if (at < 0 || frame.ColumnCount != first.ColumnCount)
                {
                    throw new ArgumentException(
                        $"Frames to concatenate must have the same columns; one has [{string.Join(", ", frame.Columns)}], the first [{string.Join(", ", first.Columns)}].");
                }
                var part = frame.Column(at);
                if (!part.Data.DataType.Equals(first.Column(c).Data.DataType) && part.Data.DataType.TypeId != first.Column(c).Data.DataType.TypeId)
                {
                    throw new ArgumentException(
                        $"Column '{name}' is {part.Data.DataType.Name} in one frame and {first.Column(c).Data.DataType.Name} in the first. Cast one of them first.");
                }
                if (part.Length > 0)
                {
                    parts.Add(part);
                }
            }
            columns[c] = parts.Count switch
            {
                0 => first.Column(c),
                1 => parts[0],
                _ => ArrowConcat.Concatenate(parts),
            };
        }
        return new Frame(first.Schema, columns, frames.Sum(f => f.RowCount)) { SkippedRows = skipped };
    }

    /// <summary>Columns copied to offset 0 (sliced arrays confuse some consumers).</summary>
    internal Frame Compact() =>
        _columns.All(c => c.Offset == 0) ? this : ArrowTake.Take(this, [.. Enumerable.Range(0, RowCount)]);

    internal static ArgumentException MissingColumn(string name, IEnumerable<string> columns) =>
        new($"There is no column '{name}'. The columns are: {string.Join(", ", columns)}.", nameof(name));

    private static IArrowArray EmptyOf(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.String => new StringArray.Builder().Build(),
        ArrowTypeId.Boolean => new BooleanArray.Builder().Build(),
        ArrowTypeId.Int32 or ArrowTypeId.Float or ArrowTypeId.Date32 => ArrowColumns.Wrap(type, System.Array.Empty<int>(), 0),
        _ => ArrowColumns.Wrap(type, System.Array.Empty<long>(), 0),
    };
}
