using System.Numerics;
using System.Numerics.Tensors;

namespace Tessera.Kernels.Ops;

// Type-keeping unary ops on numbers. Integer negation and abs wrap at MIN, as in NumPy.

internal readonly struct Negate : INumericUnaryOp
{
    public static T ApplyInteger<T>(T x) where T : IBinaryInteger<T> => T.Zero - x;

    public static T ApplyFloat<T>(T x) where T : IFloatingPointIeee754<T> => -x;

    public static bool TryMapFloat<T>(ReadOnlySpan<T> x, Span<T> r) where T : IFloatingPointIeee754<T>
    {
        TensorPrimitives.Negate(x, r);
        return true;
    }
}

internal readonly struct Absolute : INumericUnaryOp
{
    // T.Abs throws at MIN; NumPy wraps, so negate unchecked.
    public static T ApplyInteger<T>(T x) where T : IBinaryInteger<T> => x < T.Zero ? T.Zero - x : x;

    public static T ApplyFloat<T>(T x) where T : IFloatingPointIeee754<T> => T.Abs(x);

    public static bool TryMapFloat<T>(ReadOnlySpan<T> x, Span<T> r) where T : IFloatingPointIeee754<T>
    {
        TensorPrimitives.Abs(x, r);
        return true;
    }
}

/// <summary>-1, 0 or 1; NaN for NaN (T.Sign would throw).</summary>
internal readonly struct Sign : INumericUnaryOp
{
    public static T ApplyInteger<T>(T x) where T : IBinaryInteger<T> =>
        x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;

    public static T ApplyFloat<T>(T x) where T : IFloatingPointIeee754<T> =>
        T.IsNaN(x) ? x : x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;
}

/// <summary>NumPy's round (to 0 decimals): halves go to the even neighbour; integers are unchanged.</summary>
internal readonly struct Round : INumericUnaryOp
{
    public static T ApplyInteger<T>(T x) where T : IBinaryInteger<T> => x;

    public static T ApplyFloat<T>(T x) where T : IFloatingPointIeee754<T> => T.Round(x, MidpointRounding.ToEven);
}

internal readonly struct IsNaN : IPredicateOp
{
    public static bool ApplyInteger<T>(T x) where T : IBinaryInteger<T> => false;

    public static bool ApplyFloat<T>(T x) where T : IFloatingPointIeee754<T> => T.IsNaN(x);
}

internal readonly struct IsInf : IPredicateOp
{
    public static bool ApplyInteger<T>(T x) where T : IBinaryInteger<T> => false;

    public static bool ApplyFloat<T>(T x) where T : IFloatingPointIeee754<T> => T.IsInfinity(x);
}

internal readonly struct IsFinite : IPredicateOp
{
    public static bool ApplyInteger<T>(T x) where T : IBinaryInteger<T> => true;

    public static bool ApplyFloat<T>(T x) where T : IFloatingPointIeee754<T> => T.IsFinite(x);
}

internal readonly struct Equal : ICompareOp
{
    public static bool Apply<T>(T a, T b) where T : INumber<T> => a == b;
}

internal readonly struct NotEqual : ICompareOp
{
    public static bool Apply<T>(T a, T b) where T : INumber<T> => a != b;
}

internal readonly struct Less : ICompareOp
{
    public static bool Apply<T>(T a, T b) where T : INumber<T> => a < b;
}

internal readonly struct LessEqual : ICompareOp
{
    public static bool Apply<T>(T a, T b) where T : INumber<T> => a <= b;
}

internal readonly struct Greater : ICompareOp
{
    public static bool Apply<T>(T a, T b) where T : INumber<T> => a > b;
}

internal readonly struct GreaterEqual : ICompareOp
{
    public static bool Apply<T>(T a, T b) where T : INumber<T> => a >= b;
}

internal readonly struct LogicalAnd : ILogicalOp
{
    public static bool Apply(bool a, bool b) => a && b;
}

internal readonly struct LogicalOr : ILogicalOp
{
    public static bool Apply(bool a, bool b) => a || b;
}
