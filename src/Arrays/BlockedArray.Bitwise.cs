using Tessera.Arrays.Lazy;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Arrays;

// NumPy's bitwise operators on integer and bool arrays: & | ^ ~ << >>. Float arrays have none (as
// in NumPy); using one gives a NotSupportedException that says to cast first.
public sealed partial class BlockedArray<TElement>
{
    /// <summary>Elementwise bitwise and (logical and on bool arrays), broadcasting as NumPy.</summary>
    public static BlockedArray<TElement> operator &(BlockedArray<TElement> a, BlockedArray<TElement> b) => Binary(OpTable.BitwiseAnd, a, b);

    /// <summary>Elementwise bitwise or (logical or on bool arrays).</summary>
    public static BlockedArray<TElement> operator |(BlockedArray<TElement> a, BlockedArray<TElement> b) => Binary(OpTable.BitwiseOr, a, b);

    /// <summary>Elementwise bitwise exclusive or (logical xor on bool arrays).</summary>
    public static BlockedArray<TElement> operator ^(BlockedArray<TElement> a, BlockedArray<TElement> b) => Binary(OpTable.BitwiseXor, a, b);

    /// <summary>Elementwise and with a scalar.</summary>
    public static BlockedArray<TElement> operator &(BlockedArray<TElement> a, TElement b) => WithScalar(OpTable.BitwiseAnd, a, b, scalarFirst: false);

    /// <summary>Elementwise or with a scalar.</summary>
    public static BlockedArray<TElement> operator |(BlockedArray<TElement> a, TElement b) => WithScalar(OpTable.BitwiseOr, a, b, scalarFirst: false);

    /// <summary>Elementwise exclusive or with a scalar.</summary>
    public static BlockedArray<TElement> operator ^(BlockedArray<TElement> a, TElement b) => WithScalar(OpTable.BitwiseXor, a, b, scalarFirst: false);

    /// <summary>Bit complement of each element (logical not on bool arrays), NumPy's <c>~</c>.</summary>
    public static BlockedArray<TElement> operator ~(BlockedArray<TElement> a) => BlockedArray.Unary<TElement, TElement>(OpTable.Invert, a);

    /// <summary>
    /// Each element shifted left by <paramref name="count"/> bits; counts at or past the type's
    /// width give 0, as NumPy's <c>left_shift</c>.
    /// </summary>
    public static BlockedArray<TElement> operator <<(BlockedArray<TElement> a, int count) => Shift(OpTable.LeftShift, a, count);

    /// <summary>
    /// Each element shifted right by <paramref name="count"/> bits (arithmetic for signed types); counts
    /// at or past the width give 0 (-1 for negative values), as NumPy's <c>right_shift</c>.
    /// </summary>
    public static BlockedArray<TElement> operator >>(BlockedArray<TElement> a, int count) => Shift(OpTable.RightShift, a, count);

    private static BlockedArray<TElement> Shift(OpInfo op, BlockedArray<TElement> array, int count)
    {
        ArgumentNullException.ThrowIfNull(array);
        return new(Elementwise.Combine(op.Name, e => Ex.Binary(op, e[0], Ex.Constant((long)count)), array.Node));
    }
}

public static partial class BlockedArray
{
    /// <summary>Elementwise <c>a &lt;&lt; b</c> with per-element counts (NumPy's <c>left_shift</c>).</summary>
    public static BlockedArray<T> LeftShift<T>(BlockedArray<T> a, BlockedArray<T> b) where T : unmanaged => Binary(OpTable.LeftShift, a, b);

    /// <summary>Elementwise <c>a &gt;&gt; b</c> with per-element counts (NumPy's <c>right_shift</c>).</summary>
    public static BlockedArray<T> RightShift<T>(BlockedArray<T> a, BlockedArray<T> b) where T : unmanaged => Binary(OpTable.RightShift, a, b);
}
