using Tessera.Arrays.Lazy;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Ops;

namespace Tessera.Arrays;

/// <summary>Elementwise math, one function per op of the kernel IR; each fuses into the surrounding chain.</summary>
public static partial class BlockedArray
{
    /// <summary>Sine.</summary>
    public static BlockedArray<T> Sin<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Sin, x);

    /// <summary>Cosine.</summary>
    public static BlockedArray<T> Cos<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Cos, x);

    /// <summary>Tangent.</summary>
    public static BlockedArray<T> Tan<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Tan, x);

    /// <summary>Hyperbolic tangent.</summary>
    public static BlockedArray<T> Tanh<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Tanh, x);

    /// <summary>e to the power of each element.</summary>
    public static BlockedArray<T> Exp<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Exp, x);

    /// <summary>Natural logarithm.</summary>
    public static BlockedArray<T> Log<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Log, x);

    /// <summary>Square root.</summary>
    public static BlockedArray<T> Sqrt<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Sqrt, x);

    /// <summary>Absolute value.</summary>
    public static BlockedArray<T> Abs<T>(BlockedArray<T> x) where T : unmanaged => Unary<T, T>(OpTable.Abs, x);

    /// <summary>Each element raised to <paramref name="exponent"/>.</summary>
    public static BlockedArray<T> Pow<T>(BlockedArray<T> x, double exponent) where T : unmanaged =>
        new(Elementwise.Combine(OpTable.Power.Name, e => Ex.Binary(OpTable.Power, e[0], Ex.Constant(exponent)), x.Node));

    /// <summary>Elementwise maximum (NaN propagates, as NumPy's maximum).</summary>
    public static BlockedArray<T> Maximum<T>(BlockedArray<T> a, BlockedArray<T> b) where T : unmanaged => Binary(OpTable.Maximum, a, b);

    /// <summary>Elementwise minimum (NaN propagates, as NumPy's minimum).</summary>
    public static BlockedArray<T> Minimum<T>(BlockedArray<T> a, BlockedArray<T> b) where T : unmanaged => Binary(OpTable.Minimum, a, b);

    internal static BlockedArray<TOut> Unary<TIn, TOut>(OpInfo op, BlockedArray<TIn> x) where TIn : unmanaged where TOut : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        return new(Elementwise.Combine(op.Name, e => Ex.Unary(op, e[0]), x.Node));
    }
}
