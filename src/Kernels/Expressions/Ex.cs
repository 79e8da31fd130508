using Tessera.Kernels.Ops;

namespace Tessera.Kernels.Expressions;

/// <summary>
/// Builds typed expression trees: applies each op's type rule and NumPy promotion, resolves weak
/// constants and inserts the casts, so every node's operands already have the op's operand type.
/// </summary>
internal static partial class Ex
{
    public static InputExpr Input(int index, DType dtype) => new(index, dtype);

    public static InputExpr Input<T>(int index) => new(index, DTypes.Of<T>());

    /// <summary>A weak float constant (a Python float): float32 next to a float32 operand.</summary>
    public static ConstantExpr Constant(double value) => new(Scalar.Float64(value), isWeak: true);

    /// <summary>A weak integer constant (a Python int): the type of a numeric operand.</summary>
    public static ConstantExpr Constant(long value) => new(Scalar.Int64(value), isWeak: true);

    /// <summary>A weak bool constant (a Python bool).</summary>
    public static ConstantExpr Constant(bool value) => new(Scalar.Bool(value), isWeak: true);

    /// <summary>A constant of exactly the scalar's type (like a NumPy scalar, e.g. np.float32(2)).</summary>
    public static ConstantExpr Typed(Scalar value) => new(value, isWeak: false);

    public static Expr Unary(OpInfo op, Expr operand)
    {
        ArgumentNullException.ThrowIfNull(op);
        var family = op.Unary ?? throw new ArgumentException(
            $"{op.Name} takes {op.Arity} operands, not 1. Use Ex.Binary for it.", nameof(op));
        var x = CastTo(Strong(operand), family.OperandType(Strong(operand).DType));
        return new UnaryExpr(op, x, family.ResultType(x.DType));
    }

    public static Expr Binary(OpInfo op, Expr left, Expr right)
    {
        ArgumentNullException.ThrowIfNull(op);
        var family = op.Binary ?? throw new ArgumentException(
            $"{op.Name} takes {op.Arity} operand, not 2. Use Ex.Unary for it.", nameof(op));
        var common = TypePromotion.Common(left, right);
        var operandType = family.OperandType(common);
        var a = CastTo(Resolve(left, common), operandType);
        var b = CastTo(Resolve(right, common), operandType);
        return new BinaryExpr(op, a, b, family.ResultType(operandType));
    }

    /// <summary><c>condition ? whenTrue : whenFalse</c>; a non-bool condition means <c>!= 0</c>.</summary>
    public static Expr Where(Expr condition, Expr whenTrue, Expr whenFalse)
    {
        var common = TypePromotion.Common(whenTrue, whenFalse);
        return new WhereExpr(
            CastTo(Strong(condition), DType.Bool),
            CastTo(Resolve(whenTrue, common), common),
            CastTo(Resolve(whenFalse, common), common));
    }

    /// <summary>Converts to <paramref name="dtype"/> (see <see cref="Ops.Convert"/> for the rules).</summary>
    public static Expr Cast(Expr operand, DType dtype) => CastTo(Strong(operand), dtype);

    // A weak constant outside a binary op takes its default type (int64, float64, bool).
    private static Expr Strong(Expr e) => e is ConstantExpr { IsWeak: true } c ? new ConstantExpr(c.Value, false) : e;

    private static Expr Resolve(Expr e, DType common)
    {
        if (e is not ConstantExpr { IsWeak: true } c)
        {
            return e;
        }
        var value = c.Value.CastTo(common);
        // NEP 50: a Python integer that does not fit the array's integer type is an error, not a wrap.
        if (c.Value.DType == DType.Int64 && common.IsInteger() && common != DType.Int64 &&
            (value.CastTo(DType.Int64) != c.Value || (common.IsUnsignedInteger() && c.Value.As<long>() < 0)))
        {
            throw new OverflowException(
                $"The constant {c.Value.As<long>()} does not fit {common.NumPyName()}, the type of the other operand. " +
                $"Cast that operand to a wider type first (e.g. Astype<long>()), or pass a typed constant (Ex.Typed).");
        }
        return new ConstantExpr(value, isWeak: false);
    }

    // Casting a constant converts its value (it is a kernel parameter either way); casting a node
    // to its own type is a no-op, so redundant casts never reach the backends.
    private static Expr CastTo(Expr e, DType dtype)
    {
        if (e.DType == dtype)
        {
            return e;
        }
        return e is ConstantExpr c ? new ConstantExpr(c.Value.CastTo(dtype), false) : new CastExpr(e, dtype);
    }
}
