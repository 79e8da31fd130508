using Tessera.Arrays.Lazy;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>Elementwise sum, broadcasting as NumPy.</summary>
    public static BlockedArray<TElement> operator +(BlockedArray<TElement> a, BlockedArray<TElement> b) => Binary(OpTable.Add, a, b);

    /// <summary>Elementwise difference.</summary>
    public static BlockedArray<TElement> operator -(BlockedArray<TElement> a, BlockedArray<TElement> b) => Binary(OpTable.Subtract, a, b);

    /// <summary>Elementwise product.</summary>
    public static BlockedArray<TElement> operator *(BlockedArray<TElement> a, BlockedArray<TElement> b) => Binary(OpTable.Multiply, a, b);

    /// <summary>Elementwise true division (NumPy: integer arrays divide into float64, so convert them first with Astype).</summary>
    public static BlockedArray<TElement> operator /(BlockedArray<TElement> a, BlockedArray<TElement> b) => Binary(OpTable.Divide, a, b);

    /// <summary>Elementwise remainder with the divisor's sign, as NumPy's <c>%</c>.</summary>
    public static BlockedArray<TElement> operator %(BlockedArray<TElement> a, BlockedArray<TElement> b) => Binary(OpTable.Remainder, a, b);

    /// <summary>Adds a scalar to every element.</summary>
    public static BlockedArray<TElement> operator +(BlockedArray<TElement> a, TElement b) => WithScalar(OpTable.Add, a, b, scalarFirst: false);

    /// <summary>Adds every element to a scalar.</summary>
    public static BlockedArray<TElement> operator +(TElement a, BlockedArray<TElement> b) => WithScalar(OpTable.Add, b, a, scalarFirst: true);

    /// <summary>Subtracts a scalar from every element.</summary>
    public static BlockedArray<TElement> operator -(BlockedArray<TElement> a, TElement b) => WithScalar(OpTable.Subtract, a, b, scalarFirst: false);

    /// <summary>Subtracts every element from a scalar.</summary>
    public static BlockedArray<TElement> operator -(TElement a, BlockedArray<TElement> b) => WithScalar(OpTable.Subtract, b, a, scalarFirst: true);

    /// <summary>Multiplies every element by a scalar.</summary>
    public static BlockedArray<TElement> operator *(BlockedArray<TElement> a, TElement b) => WithScalar(OpTable.Multiply, a, b, scalarFirst: false);

    /// <summary>Multiplies a scalar by every element.</summary>
    public static BlockedArray<TElement> operator *(TElement a, BlockedArray<TElement> b) => WithScalar(OpTable.Multiply, b, a, scalarFirst: true);

    /// <summary>Divides every element by a scalar.</summary>
    public static BlockedArray<TElement> operator /(BlockedArray<TElement> a, TElement b) => WithScalar(OpTable.Divide, a, b, scalarFirst: false);

    /// <summary>Divides a scalar by every element.</summary>
    public static BlockedArray<TElement> operator /(TElement a, BlockedArray<TElement> b) => WithScalar(OpTable.Divide, b, a, scalarFirst: true);

    /// <summary>Elementwise negation.</summary>
    public static BlockedArray<TElement> operator -(BlockedArray<TElement> a) => BlockedArray.Unary<TElement, TElement>(OpTable.Negate, a);

    /// <summary>The elements converted to <typeparamref name="TOut"/> (NumPy's astype: floats truncate toward zero into integers).</summary>
    public BlockedArray<TOut> Astype<TOut>() where TOut : unmanaged =>
        typeof(TOut) == typeof(TElement) ? (BlockedArray<TOut>)(object)this
            : new(Elementwise.Combine("astype", e => Ex.Cast(e[0], DTypes.Of<TOut>()), Node));

    private static BlockedArray<TElement> Binary(OpInfo op, BlockedArray<TElement> a, BlockedArray<TElement> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(Elementwise.Combine(op.Name, e => Ex.Binary(op, e[0], e[1]), a.Node, b.Node));
    }

    /// <summary>A scalar enters as a weak constant (a Python scalar in NumPy 2), so it keeps the array's type.</summary>
    private static BlockedArray<TElement> WithScalar(OpInfo op, BlockedArray<TElement> array, TElement scalar, bool scalarFirst)
    {
        ArgumentNullException.ThrowIfNull(array);
        var constant = WeakConstant(scalar);
        return new(Elementwise.Combine(op.Name,
            e => scalarFirst ? Ex.Binary(op, constant, e[0]) : Ex.Binary(op, e[0], constant), array.Node));
    }

    private static Expr WeakConstant(TElement value) => value switch
    {
        float f => Ex.Constant((double)f),
        double d => Ex.Constant(d),
        int i => Ex.Constant((long)i),
        long l => Ex.Constant(l),
        bool b => Ex.Constant(b),
        Half h => Ex.Constant((double)h),
        // The narrower integers: a constant of the array's own type gives the same type as a weak
        // one would (NEP 50), and uint64 values above long.MaxValue need no weak form.
        _ => Ex.Typed(Kernels.Expressions.Scalar.Of(value)),
    };
}
