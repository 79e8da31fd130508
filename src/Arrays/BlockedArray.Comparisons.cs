using Tessera.Arrays.Lazy;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Arrays;

public sealed partial class BlockedArray<TElement>
{
    /// <summary>Elementwise <c>a &lt; b</c>.</summary>
    public static BlockedArray<bool> operator <(BlockedArray<TElement> a, BlockedArray<TElement> b) => Compare(OpTable.Less, a, b);

    /// <summary>Elementwise <c>a &gt; b</c>.</summary>
    public static BlockedArray<bool> operator >(BlockedArray<TElement> a, BlockedArray<TElement> b) => Compare(OpTable.Greater, a, b);

    /// <summary>Elementwise <c>a &lt;= b</c>.</summary>
    public static BlockedArray<bool> operator <=(BlockedArray<TElement> a, BlockedArray<TElement> b) => Compare(OpTable.LessEqual, a, b);

    /// <summary>Elementwise <c>a &gt;= b</c>.</summary>
    public static BlockedArray<bool> operator >=(BlockedArray<TElement> a, BlockedArray<TElement> b) => Compare(OpTable.GreaterEqual, a, b);

    /// <summary>Elementwise <c>a &lt; b</c> against a scalar.</summary>
    public static BlockedArray<bool> operator <(BlockedArray<TElement> a, TElement b) => CompareScalar(OpTable.Less, a, b);

    /// <summary>Elementwise <c>a &gt; b</c> against a scalar.</summary>
    public static BlockedArray<bool> operator >(BlockedArray<TElement> a, TElement b) => CompareScalar(OpTable.Greater, a, b);

    /// <summary>Elementwise <c>a &lt;= b</c> against a scalar.</summary>
    public static BlockedArray<bool> operator <=(BlockedArray<TElement> a, TElement b) => CompareScalar(OpTable.LessEqual, a, b);

    /// <summary>Elementwise <c>a &gt;= b</c> against a scalar.</summary>
    public static BlockedArray<bool> operator >=(BlockedArray<TElement> a, TElement b) => CompareScalar(OpTable.GreaterEqual, a, b);

    /// <summary>Elementwise equality (NumPy's <c>==</c>; C#'s == stays reference equality).</summary>
    public BlockedArray<bool> ElementwiseEquals(BlockedArray<TElement> other) => Compare(OpTable.Equal, this, other);

    /// <summary>Elementwise inequality.</summary>
    public BlockedArray<bool> ElementwiseNotEquals(BlockedArray<TElement> other) => Compare(OpTable.NotEqual, this, other);

    /// <summary>True where the element is NaN.</summary>
    public BlockedArray<bool> IsNaN() => new(Elementwise.Combine("isnan", e => Ex.Unary(OpTable.IsNaN, e[0]), Node));

    /// <summary>Elements limited to [<paramref name="min"/>, <paramref name="max"/>] (NaN stays NaN).</summary>
    public BlockedArray<TElement> Clip(TElement min, TElement max) =>
        new(Elementwise.Combine("clip", e => Ex.Binary(OpTable.Minimum, Ex.Binary(OpTable.Maximum, e[0], WeakConstant(min)), WeakConstant(max)), Node));

    private static BlockedArray<bool> Compare(OpInfo op, BlockedArray<TElement> a, BlockedArray<TElement> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(Elementwise.Combine(op.Name, e => Ex.Binary(op, e[0], e[1]), a.Node, b.Node));
    }

    private static BlockedArray<bool> CompareScalar(OpInfo op, BlockedArray<TElement> a, TElement b)
    {
        ArgumentNullException.ThrowIfNull(a);
        var constant = WeakConstant(b);
        return new(Elementwise.Combine(op.Name, e => Ex.Binary(op, e[0], constant), a.Node));
    }
}

public static partial class BlockedArray
{
    /// <summary>Elementwise choice: <paramref name="whenTrue"/> where <paramref name="condition"/> holds, else <paramref name="whenFalse"/> (broadcasting as NumPy).</summary>
    public static BlockedArray<T> Where<T>(BlockedArray<bool> condition, BlockedArray<T> whenTrue, BlockedArray<T> whenFalse)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(whenTrue);
        ArgumentNullException.ThrowIfNull(whenFalse);
        return new(Elementwise.Combine("where", e => Ex.Where(e[0], e[1], e[2]), condition.Node, whenTrue.Node, whenFalse.Node));
    }

    /// <summary>Elementwise logical and of two masks.</summary>
    public static BlockedArray<bool> And(BlockedArray<bool> a, BlockedArray<bool> b) =>
        new(Elementwise.Combine("logical_and", e => Ex.Binary(OpTable.And, e[0], e[1]), a.Node, b.Node));

    /// <summary>Elementwise logical or of two masks.</summary>
    public static BlockedArray<bool> Or(BlockedArray<bool> a, BlockedArray<bool> b) =>
        new(Elementwise.Combine("logical_or", e => Ex.Binary(OpTable.Or, e[0], e[1]), a.Node, b.Node));
}
