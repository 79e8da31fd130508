using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Expressions;
using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

/// <summary>
/// A lazy column of a <see cref="DataFrame"/> (dask's Series): an expression over the columns of
/// its source frame. Arithmetic and comparisons build the expression; nothing runs until a
/// reduction, <see cref="Compute"/> or a frame using the column is computed, and then the whole
/// expression is one fused kernel per partition.
/// </summary>
public sealed partial class Column
{
    internal Column(FrameNode source, ColumnExpr expression, string name)
    {
        Source = source;
        Expression = expression;
        Name = name;
        DType = ExpressionEvaluator.TypeOf(expression, source.Schema);
    }

    internal FrameNode Source { get; }

    internal ColumnExpr Expression { get; }

    /// <summary>The column's name (the source column's, or the left operand's for an expression, as in pandas).</summary>
    public string Name { get; }

    /// <summary>The Arrow type of the values.</summary>
    public IArrowType DType { get; }

    /// <summary>The number of partitions.</summary>
    public int NPartitions => Source.Partitions;

    /// <summary>The same values under another name.</summary>
    public Column Rename(string name) => new(Source, Expression, name);

    /// <summary>The column as a one-column lazy frame.</summary>
    public DataFrame ToFrame() => new(Node);

    /// <summary>Computes the column into memory.</summary>
    public Series Compute(ComputeOptions? options = null) => ToFrame().Compute(options)[Name];

    /// <summary>The first <paramref name="n"/> values (computes the first partitions only).</summary>
    public Series Head(int n = 5, ComputeOptions? options = null) => ToFrame().Head(n, options)[Name];

    /// <summary>The last <paramref name="n"/> values (computes the last partitions only).</summary>
    public Series Tail(int n = 5, ComputeOptions? options = null) => ToFrame().Tail(n, options)[Name];

    /// <summary>True where the value is null.</summary>
    public Column IsNull() => new(Source, new UnaryColumnExpr(UnaryColumnOp.IsNull, Expression), Name);

    /// <summary>True where the value is not null.</summary>
    public Column NotNull() => new(Source, new UnaryColumnExpr(UnaryColumnOp.NotNull, Expression), Name);

    /// <summary>Nulls replaced by <paramref name="value"/> (a number, bool or string of the column's kind).</summary>
    public Column FillNull(object value) => new(Source, new FillNullExpr(Expression, new LiteralExpr(value)), Name);

    /// <summary>The rows whose value is not null.</summary>
    public Column DropNull() => ToFrame().DropNull()[Name];

    /// <summary>The values converted to <paramref name="type"/> (int32, int64, float, double, bool, or string).</summary>
    public Column Cast(IArrowType type) => new(Source, new CastColumnExpr(Expression, type), Name);

    /// <summary>The absolute values.</summary>
    public Column Abs() => new(Source, new UnaryColumnExpr(UnaryColumnOp.Abs, Expression), Name);

    /// <summary>The one-column partition layer of this column.</summary>
    internal FrameNode Node
    {
        get
        {
            // Over a file (or a filter of one), only the columns the expression uses are read.
            var source = ProjectedSource();
            if (Expression is ColumnRef r && r.Name == Name && source.Schema.FieldsList.Count == 1)
            {
                return source;
            }
            var schema = new Schema([new Field(Name, DType, nullable: true)], null);
            var expression = Expression;
            var name = Name;
            return new MapNode("column", TaskKeys.Name("column", source.Name, Name, expression.ToString()), schema, [source],
                (backend, _, frames) => Frame.FromColumns((name, ExpressionEvaluator.Evaluate(expression, frames[0], backend))));
        }
    }

    /// <summary>
    /// The source reading only the columns the expression uses, where it can (a file read, or a
    /// filter over one): <c>df[df["names"] == "Alice"]["id"].Count()</c> parses only names and id.
    /// </summary>
    internal FrameNode ProjectedSource()
    {
        var columns = Expression.Columns().ToArray();
        return Source is IProjectableSource projectable && columns.Length > 0 ? projectable.Project(columns) : Source;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Tessera Column Structure:\nnpartitions={NPartitions}\nName: {Name}, dtype: {Columns.ArrowColumns.PandasName(DType)}\nExpression: {Expression}";

    /// <summary>Reference equality (== builds a comparison column, as in pandas).</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc />
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>
    /// Two columns over one source: the same source as is, or a zipped frame holding both sources'
    /// columns side by side (partition by partition, so both must have the same partitions and rows).
    /// </summary>
    internal static (FrameNode Source, ColumnExpr Left, ColumnExpr Right) Align(Column a, ColumnExpr b, FrameNode bSource)
    {
        if (a.Source.Name == bSource.Name)
        {
            return (a.Source, a.Expression, b);
        }
        var zip = Zip(a.Source, bSource);
        return (zip, a.Expression.Rename(n => "l." + n), b.Rename(n => "r." + n));
    }

    private static FrameNode Zip(FrameNode left, FrameNode right)
    {
        var fields = left.Schema.FieldsList.Select(f => new Field("l." + f.Name, f.DataType, true))
            .Concat(right.Schema.FieldsList.Select(f => new Field("r." + f.Name, f.DataType, true))).ToList();
        var schema = new Schema(fields, null);
        return new MapNode("zip", TaskKeys.Name("zip", left.Name, right.Name), schema, [left, right], (_, partition, frames) =>
        {
            if (frames[0].RowCount != frames[1].RowCount)
            {
                throw new InvalidOperationException(
                    $"Partition {partition} has {frames[0].RowCount} rows in one frame and {frames[1].RowCount} in the other; " +
                    "columns of different frames combine row by row only when their partitions have the same rows.");
            }
            var columns = Enumerable.Range(0, frames[0].ColumnCount).Select(frames[0].Column)
                .Concat(Enumerable.Range(0, frames[1].ColumnCount).Select(frames[1].Column)).ToArray();
            return new Frame(schema, columns, frames[0].RowCount);
        });
    }
}
