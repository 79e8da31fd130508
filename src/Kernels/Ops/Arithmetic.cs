using System.Numerics;
using System.Numerics.Tensors;

namespace Tessera.Kernels.Ops;

// + - * and min/max. Integer arithmetic wraps on overflow, as NumPy's does.

internal readonly struct Add : INumericBinaryOp
{
    public static T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T> => a + b;

    public static T ApplyFloat<T>(T a, T b) where T : IFloatingPointIeee754<T> => a + b;

    public static bool TryMap<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> r) where T : INumber<T>
    {
        TensorPrimitives.Add(a, b, r);
        return true;
    }
}

internal readonly struct Subtract : INumericBinaryOp
{
    public static T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T> => a - b;

    public static T ApplyFloat<T>(T a, T b) where T : IFloatingPointIeee754<T> => a - b;

    public static bool TryMap<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> r) where T : INumber<T>
    {
        TensorPrimitives.Subtract(a, b, r);
        return true;
    }
}

internal readonly struct Multiply : INumericBinaryOp
{
    public static T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T> => a * b;

    public static T ApplyFloat<T>(T a, T b) where T : IFloatingPointIeee754<T> => a * b;

    public static bool TryMap<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> r) where T : INumber<T>
    {
        TensorPrimitives.Multiply(a, b, r);
        return true;
    }
}

/// <summary>NumPy's <c>minimum</c>: a NaN operand gives NaN.</summary>
internal readonly struct Minimum : INumericBinaryOp
{
    public static T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T> => a < b ? a : b;

    public static T ApplyFloat<T>(T a, T b) where T : IFloatingPointIeee754<T> => T.Min(a, b);

    // TensorPrimitives.Min follows IEEE 754:2019 minimum (NaN propagates), like NumPy.
    public static bool TryMap<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> r) where T : INumber<T>
    {
        TensorPrimitives.Min(a, b, r);
        return true;
    }
}

/// <summary>NumPy's <c>maximum</c>: a NaN operand gives NaN.</summary>
internal readonly struct Maximum : INumericBinaryOp
{
    public static T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T> => a > b ? a : b;

    public static T ApplyFloat<T>(T a, T b) where T : IFloatingPointIeee754<T> => T.Max(a, b);

    public static bool TryMap<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> r) where T : INumber<T>
    {
        TensorPrimitives.Max(a, b, r);
        return true;
    }
}

/// <summary>
/// Power. Floats follow C's pow. Integers: NumPy rejects negative exponents with an error; a
/// kernel cannot stop mid-chunk, so we return the truncated real result instead (1 for base 1,
/// ±1 for base -1, else 0). Overflow wraps.
/// </summary>
internal readonly struct Power : INumericBinaryOp
{
    public static T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T>
    {
        if (b < T.Zero)
        {
            return a == T.One ? T.One : a == -T.One ? (T.IsEvenInteger(b) ? T.One : -T.One) : T.Zero;
        }
        var result = T.One;
        while (b != T.Zero)
        {
            if (T.IsOddInteger(b))
            {
                result *= a;
            }
            a *= a;
            b >>= 1;
        }
        return result;
    }

    public static T ApplyFloat<T>(T a, T b) where T : IFloatingPointIeee754<T> => T.Pow(a, b);
}
