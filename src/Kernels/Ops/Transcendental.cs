using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Kernels.Ops.Simd;

namespace Tessera.Kernels.Ops;

// Floating-point functions. The fast paths use TensorPrimitives' vectorised implementations,
// which agree with the scalar Math functions to a few ulps (the tests allow for that).

internal readonly struct Sqrt : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Sqrt(x);

    public static bool TryMap<T>(ReadOnlySpan<T> x, Span<T> r) where T : IFloatingPointIeee754<T>
    {
        TensorPrimitives.Sqrt(x, r);
        return true;
    }
}

internal readonly struct Exp : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x);

    public static bool TryMap<T>(ReadOnlySpan<T> x, Span<T> r) where T : IFloatingPointIeee754<T>
    {
        TensorPrimitives.Exp(x, r);
        return true;
    }
}

internal readonly struct Log : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Log(x);

    public static bool TryMap<T>(ReadOnlySpan<T> x, Span<T> r) where T : IFloatingPointIeee754<T>
    {
        TensorPrimitives.Log(x, r);
        return true;
    }
}

// log1p/expm1 have no accurate .NET primitive: log(1+x) loses all digits for tiny x. These use
// the classic corrections (Goldberg / Kahan): exact where 1+x rounds to 1, and the rounding
// error of 1+x cancelled otherwise.
internal readonly struct Log1p : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T>
    {
        var u = T.One + x;
        if (u == T.One)
        {
            return x;
        }
        if (T.IsInfinity(u) || u <= T.Zero)
        {
            return T.Log(u);
        }
        return T.Log(u) * x / (u - T.One);
    }
}

internal readonly struct Expm1 : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T>
    {
        var u = T.Exp(x);
        if (u == T.One)
        {
            return x;
        }
        var um1 = u - T.One;
        if (um1 == -T.One || T.IsInfinity(u))
        {
            return um1;
        }
        return um1 * x / T.Log(u);
    }
}

internal readonly struct Sin : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Sin(x);

    public static bool TryMap<T>(ReadOnlySpan<T> x, Span<T> r) where T : IFloatingPointIeee754<T>
    {
        // float64 through our kernel at every width, the compiled path's own (bit-identical to it).
        if (typeof(T) == typeof(double))
        {
            SinCosFloat64.Sin(SpanReinterpret.AsDoubles(x), SpanReinterpret.AsDoubles(r));
            return true;
        }
        TensorPrimitives.Sin(x, r);
        return true;
    }
}

internal readonly struct Cos : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Cos(x);

    public static bool TryMap<T>(ReadOnlySpan<T> x, Span<T> r) where T : IFloatingPointIeee754<T>
    {
        // float64 through our kernel at every width, the compiled path's own (bit-identical to it).
        if (typeof(T) == typeof(double))
        {
            SinCosFloat64.Cos(SpanReinterpret.AsDoubles(x), SpanReinterpret.AsDoubles(r));
            return true;
        }
        TensorPrimitives.Cos(x, r);
        return true;
    }
}

internal readonly struct Tan : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Tan(x);
}

internal readonly struct Tanh : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Tanh(x);
}

internal readonly struct Sinh : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Sinh(x);
}

internal readonly struct Cosh : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Cosh(x);
}

internal readonly struct Asin : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Asin(x);
}

internal readonly struct Acos : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Acos(x);
}

internal readonly struct Atan : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Atan(x);
}

internal readonly struct Floor : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Floor(x);
}

internal readonly struct Ceil : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Ceiling(x);
}

internal readonly struct Log2 : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Log2(x);

    public static bool TryMap<T>(ReadOnlySpan<T> x, Span<T> r) where T : IFloatingPointIeee754<T>
    {
        TensorPrimitives.Log2(x, r);
        return true;
    }
}

internal readonly struct Log10 : IFloatUnaryOp
{
    public static T Apply<T>(T x) where T : IFloatingPointIeee754<T> => T.Log10(x);

    public static bool TryMap<T>(ReadOnlySpan<T> x, Span<T> r) where T : IFloatingPointIeee754<T>
    {
        TensorPrimitives.Log10(x, r);
        return true;
    }
}

// hypot without overflow or underflow in the squares: scale by the larger magnitude, as C's
// hypot does, so hypot(1e200, 1e200) is 1.41e200, not infinity. Infinity wins over NaN (IEEE 754).
internal readonly struct Hypot : IFloatBinaryOp
{
    public static T Apply<T>(T a, T b) where T : IFloatingPointIeee754<T>
    {
        var x = T.Abs(a);
        var y = T.Abs(b);
        if (T.IsInfinity(x) || T.IsInfinity(y))
        {
            return T.PositiveInfinity;
        }
        if (T.IsNaN(x) || T.IsNaN(y))
        {
            return T.NaN;
        }
        var big = T.Max(x, y);
        var small = T.Min(x, y);
        if (big == T.Zero)
        {
            return T.Zero;
        }
        var ratio = small / big;
        return big * T.Sqrt(T.One + (ratio * ratio));
    }
}

internal readonly struct Atan2 : IFloatBinaryOp
{
    public static T Apply<T>(T a, T b) where T : IFloatingPointIeee754<T> => T.Atan2(a, b);
}

internal readonly struct TrueDivide : IFloatBinaryOp
{
    public static T Apply<T>(T a, T b) where T : IFloatingPointIeee754<T> => a / b;

    public static bool TryMap<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> r) where T : IFloatingPointIeee754<T>
    {
        TensorPrimitives.Divide(a, b, r);
        return true;
    }
}
