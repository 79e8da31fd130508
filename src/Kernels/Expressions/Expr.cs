using Tessera.Kernels.Ops;

namespace Tessera.Kernels.Expressions;

/// <summary>
/// A node of the elementwise expression IR. Immutable; every node knows its result type, which
/// the factory methods in <see cref="Ex"/> compute with NumPy's promotion rules (inserting casts),
/// so backends never re-derive types. Build trees with <see cref="Ex"/> or the C# operators.
/// </summary>
internal abstract class Expr
{
    protected Expr(DType dtype) => DType = dtype;

    /// <summary>The type of the values this node produces.</summary>
    public DType DType { get; }

    /// <summary>The node's children, left to right.</summary>
    public abstract IReadOnlyList<Expr> Children { get; }

    /// <summary>The structure (shape, types, op ids; never constant values) for kernel caches.</summary>
    public ExprSignature Signature => ExprSignature.Of(this);

    public static Expr operator +(Expr a, Expr b) => Ex.Binary(OpTable.Add, a, b);

    public static Expr operator -(Expr a, Expr b) => Ex.Binary(OpTable.Subtract, a, b);

    public static Expr operator *(Expr a, Expr b) => Ex.Binary(OpTable.Multiply, a, b);

    public static Expr operator /(Expr a, Expr b) => Ex.Binary(OpTable.Divide, a, b);

    public static Expr operator %(Expr a, Expr b) => Ex.Binary(OpTable.Remainder, a, b);

    public static Expr operator -(Expr a) => Ex.Unary(OpTable.Negate, a);

    /// <summary>A Python-like weak float constant: it takes a float operand's type.</summary>
    public static implicit operator Expr(double value) => Ex.Constant(value);

    /// <summary>A Python-like weak integer constant: it takes a numeric operand's type.</summary>
    public static implicit operator Expr(long value) => Ex.Constant(value);
}

/// <summary>Element <c>i</c> of input buffer <see cref="Index"/> (broadcast to the output shape).</summary>
internal sealed class InputExpr(int index, DType dtype) : Expr(dtype)
{
    public int Index { get; } = index >= 0
        ? index
        : throw new ArgumentOutOfRangeException(nameof(index), index, "Input indexes start at 0.");

    public override IReadOnlyList<Expr> Children => [];

    public override string ToString() => $"in{Index}:{DType}";
}

/// <summary>
/// A scalar constant. Weak constants (from C# literals) adopt the other operand's type as
/// Python scalars do in NumPy 2; the factories resolve them, so only expression roots or
/// operands of unary ops can still be weak, and those take the default type (int64, float64).
/// </summary>
internal sealed class ConstantExpr(Scalar value, bool isWeak) : Expr(value.DType)
{
    public Scalar Value { get; } = value;

    public bool IsWeak { get; } = isWeak;

    public override IReadOnlyList<Expr> Children => [];

    public override string ToString() => IsWeak ? $"{Value}?" : Value.ToString();
}

/// <summary>A unary op applied to an operand already of the op's operand type.</summary>
internal sealed class UnaryExpr(OpInfo op, Expr operand, DType dtype) : Expr(dtype)
{
    public OpInfo Op { get; } = op;

    public Expr Operand { get; } = operand;

    public override IReadOnlyList<Expr> Children => [Operand];

    public override string ToString() => $"{Op.Name}({Operand})";
}

/// <summary>A binary op on two operands of the op's operand type.</summary>
internal sealed class BinaryExpr(OpInfo op, Expr left, Expr right, DType dtype) : Expr(dtype)
{
    public OpInfo Op { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override IReadOnlyList<Expr> Children => [Left, Right];

    public override string ToString() => $"{Op.Name}({Left}, {Right})";
}

/// <summary><c>condition ? whenTrue : whenFalse</c>, elementwise; the branches share one type.</summary>
internal sealed class WhereExpr(Expr condition, Expr whenTrue, Expr whenFalse) : Expr(whenTrue.DType)
{
    public Expr Condition { get; } = condition;

    public Expr WhenTrue { get; } = whenTrue;

    public Expr WhenFalse { get; } = whenFalse;

    public override IReadOnlyList<Expr> Children => [Condition, WhenTrue, WhenFalse];

    public override string ToString() => $"where({Condition}, {WhenTrue}, {WhenFalse})";
}

/// <summary>Conversion to <see cref="Expr.DType"/> with the rules of <see cref="Ops.Convert"/>.</summary>
internal sealed class CastExpr(Expr operand, DType dtype) : Expr(dtype)
{
    public Expr Operand { get; } = operand;

    public override IReadOnlyList<Expr> Children => [Operand];

    public override string ToString() => $"cast<{DType}>({Operand})";
}
