using Tessera.Arrays.Lazy;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Arrays;

/// <summary>The elementwise functions NumPy users reach for after the basic ones; each fuses into the surrounding chain, on the CPU and on a device.</summary>
public static partial class BlockedArray
{
    /// <summary>The largest integer not greater than each element (NumPy's <c>floor</c>).</summary>
    public static BlockedArray<T> Floor<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Floor, x);

    /// <summary>The smallest integer not less than each element (NumPy's <c>ceil</c>).</summary>
    public static BlockedArray<T> Ceil<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Ceil, x);

    /// <summary>Each element rounded to the nearest integer, halves to even (NumPy's <c>round</c>/<c>rint</c>).</summary>
    public static BlockedArray<T> Round<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Round, x);

    /// <summary>-1, 0 or 1 by the sign of each element (NaN stays NaN), as NumPy's <c>sign</c>.</summary>
    public static BlockedArray<T> Sign<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Sign, x);

    /// <summary>log(1 + x), accurate for tiny x (NumPy's <c>log1p</c>).</summary>
    public static BlockedArray<T> Log1p<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Log1p, x);

    /// <summary>exp(x) − 1, accurate for tiny x (NumPy's <c>expm1</c>).</summary>
    public static BlockedArray<T> Expm1<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Expm1, x);

    /// <summary>Base-2 logarithm.</summary>
    public static BlockedArray<T> Log2<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Log2, x);

    /// <summary>Base-10 logarithm.</summary>
    public static BlockedArray<T> Log10<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Log10, x);

    /// <summary>Inverse sine, in radians.</summary>
    public static BlockedArray<T> ArcSin<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Asin, x);

    /// <summary>Inverse cosine, in radians.</summary>
    public static BlockedArray<T> ArcCos<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Acos, x);

    /// <summary>Inverse tangent, in radians.</summary>
    public static BlockedArray<T> ArcTan<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Atan, x);

    /// <summary>Hyperbolic sine.</summary>
    public static BlockedArray<T> Sinh<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Sinh, x);

    /// <summary>Hyperbolic cosine.</summary>
    public static BlockedArray<T> Cosh<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Cosh, x);

    /// <summary>The angle of the point (<paramref name="x"/>, <paramref name="y"/>) in radians, in the right quadrant (NumPy's <c>arctan2(y, x)</c>).</summary>
    public static BlockedArray<T> ArcTan2<T>(BlockedArray<T> y, BlockedArray<T> x) where T : unmanaged => Binary(OpTable.Atan2, y, x);

    /// <summary>sqrt(a² + b²) without overflow or underflow in the squares (NumPy's <c>hypot</c>).</summary>
    public static BlockedArray<T> Hypot<T>(BlockedArray<T> a, BlockedArray<T> b) where T : unmanaged => Binary(OpTable.Hypot, a, b);

    /// <summary>The remainder with the sign of the divisor, as NumPy's <c>mod</c> (and C#'s <c>%</c> on arrays).</summary>
    public static BlockedArray<T> Mod<T>(BlockedArray<T> a, BlockedArray<T> b) where T : unmanaged => Binary(OpTable.Remainder, a, b);

    /// <summary>The quotient rounded toward negative infinity, as NumPy's <c>floor_divide</c> (<c>//</c>).</summary>
    public static BlockedArray<T> FloorDivide<T>(BlockedArray<T> a, BlockedArray<T> b) where T : unmanaged => Binary(OpTable.FloorDivide, a, b);

    /// <summary>Where each element is neither infinite nor NaN (NumPy's <c>isfinite</c>).</summary>
    public static BlockedArray<bool> IsFinite<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, bool>(OpTable.IsFinite, x);

    /// <summary>Where each element is +∞ or −∞ (NumPy's <c>isinf</c>).</summary>
    public static BlockedArray<bool> IsInf<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, bool>(OpTable.IsInf, x);

    private static BlockedArray<T> Binary<T>(OpInfo op, BlockedArray<T> a, BlockedArray<T> b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(Elementwise.Combine(op.Name, e => Ex.Binary(op, e[0], e[1]), a.Node, b.Node));
    }
}
