using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.DataFrames.Expressions;

/// <summary>
/// A lazy column's expression over the columns of its source frame. Numeric parts lower to one
/// fused Kernels expression per partition (<see cref="ExpressionEvaluator"/>); string comparisons
/// and string functions run on the host and enter the kernel as boolean or numeric inputs.
/// </summary>
internal abstract class ColumnExpr
{
    public abstract IReadOnlyList<ColumnExpr> Children { get; }

    /// <summary>The same expression with column names mapped (columns of a zipped frame).</summary>
    public abstract ColumnExpr Rename(Func<string, string> map);

    /// <summary>The source columns the expression reads.</summary>
    public IEnumerable<string> Columns() => this is ColumnRef r ? [r.Name] : Children.SelectMany(c => c.Columns()).Distinct();
}

internal sealed class ColumnRef(string name) : ColumnExpr
{
    public string Name { get; } = name;

    public override IReadOnlyList<ColumnExpr> Children => [];

    public override ColumnExpr Rename(Func<string, string> map) => new ColumnRef(map(Name));

    public override string ToString() => $"col({Name})";
}

/// <summary>A constant: double, long, bool, string or DateTime.</summary>
internal sealed class LiteralExpr(object value) : ColumnExpr
{
    public object Value { get; } = value;

    public override IReadOnlyList<ColumnExpr> Children => [];

    public override ColumnExpr Rename(Func<string, string> map) => this;

    public override string ToString() => Value is string s ? $"'{s}'" : Convert.ToString(Value, System.Globalization.CultureInfo.InvariantCulture) ?? "null";
}

internal enum BinaryColumnOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    FloorDivide,
    Power,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    And,
    Or,
}

internal sealed class BinaryColumnExpr(BinaryColumnOp op, ColumnExpr left, ColumnExpr right) : ColumnExpr
{
    public BinaryColumnOp Op { get; } = op;

    public ColumnExpr Left { get; } = left;

    public ColumnExpr Right { get; } = right;

    public bool IsComparison => Op is >= BinaryColumnOp.Equal and <= BinaryColumnOp.GreaterEqual;

    public override IReadOnlyList<ColumnExpr> Children => [Left, Right];

    public override ColumnExpr Rename(Func<string, string> map) => new BinaryColumnExpr(Op, Left.Rename(map), Right.Rename(map));

    public override string ToString() => $"{Op}({Left}, {Right})";
}

internal enum UnaryColumnOp
{
    Negate,
    Not,
    Abs,
    IsNull,
    NotNull,
}

internal sealed class UnaryColumnExpr(UnaryColumnOp op, ColumnExpr operand) : ColumnExpr
{
    public UnaryColumnOp Op { get; } = op;

    public ColumnExpr Operand { get; } = operand;

    public override IReadOnlyList<ColumnExpr> Children => [Operand];

    public override ColumnExpr Rename(Func<string, string> map) => new UnaryColumnExpr(Op, Operand.Rename(map));

    public override string ToString() => $"{Op}({Operand})";
}

/// <summary>Nulls of the operand replaced by a constant (pandas' fillna).</summary>
internal sealed class FillNullExpr(ColumnExpr operand, LiteralExpr value) : ColumnExpr
{
    public ColumnExpr Operand { get; } = operand;

    public LiteralExpr Value { get; } = value;

    public override IReadOnlyList<ColumnExpr> Children => [Operand, Value];

    public override ColumnExpr Rename(Func<string, string> map) => new FillNullExpr(Operand.Rename(map), Value);

    public override string ToString() => $"fillna({Operand}, {Value})";
}

internal sealed class CastColumnExpr(ColumnExpr operand, IArrowType type) : ColumnExpr
{
    public ColumnExpr Operand { get; } = operand;

    public IArrowType Type { get; } = type;

    public override IReadOnlyList<ColumnExpr> Children => [Operand];

    public override ColumnExpr Rename(Func<string, string> map) => new CastColumnExpr(Operand.Rename(map), Type);

    public override string ToString() => $"astype({Operand}, {Type.Name})";
}

/// <summary>
/// A function of one column evaluated on the host (string functions, date parts): what the kernels
/// cannot do. <see cref="Description"/> names it in keys, so equal calls share graph keys.
/// </summary>
internal sealed class HostExpr(string description, ColumnExpr operand, Func<IArrowType, IArrowType> resultType,
    Func<IArrowArray, IArrowArray> function) : ColumnExpr
{
    public string Description { get; } = description;

    public ColumnExpr Operand { get; } = operand;

    public Func<IArrowType, IArrowType> ResultType { get; } = resultType;

    public Func<IArrowArray, IArrowArray> Function { get; } = function;

    public override IReadOnlyList<ColumnExpr> Children => [Operand];

    public override ColumnExpr Rename(Func<string, string> map) => new HostExpr(Description, Operand.Rename(map), ResultType, Function);

    public override string ToString() => $"{Description}({Operand})";
}
