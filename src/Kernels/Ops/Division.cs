using System.Numerics;

namespace Tessera.Kernels.Ops;

// Floor division and remainder follow NumPy: the remainder takes the divisor's sign and
// a // b == floor(a / b). Integer division by zero gives 0 (NumPy warns and returns 0), and
// MIN // -1 wraps to MIN instead of trapping as the hardware division would. (-1 is tested with
// IsNegative first: for unsigned types -T.One is the largest value, an ordinary divisor.)

internal readonly struct FloorDivide : INumericBinaryOp
{
    public static T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T>
    {
        if (b == T.Zero)
        {
            return T.Zero;
        }
        if (T.IsNegative(b) && b == -T.One)
        {
            return T.Zero - a;
        }
        var q = a / b;
        if (a % b != T.Zero && (a < T.Zero) != (b < T.Zero))
        {
            q -= T.One;
        }
        return q;
    }

    // NumPy's npy_divmod: divide the exactly-representable a - fmod(a, b), then correct the
    // rounding so the quotient is the floor of the true quotient.
    public static T ApplyFloat<T>(T a, T b) where T : IFloatingPointIeee754<T>
    {
        if (b == T.Zero)
        {
            return a / b;
        }
        var mod = a % b;
        var div = (a - mod) / b;
        if (mod != T.Zero && (b < T.Zero) != (mod < T.Zero))
        {
            div -= T.One;
        }
        if (div == T.Zero)
        {
            return T.CopySign(T.Zero, a / b);
        }
        var floor = T.Floor(div);
        if (div - floor > T.CreateTruncating(0.5))
        {
            floor += T.One;
        }
        return floor;
    }
}

internal readonly struct Remainder : INumericBinaryOp
{
    public static T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T>
    {
        if (b == T.Zero || (T.IsNegative(b) && b == -T.One))
        {
            return T.Zero;
        }
        var r = a % b;
        return r != T.Zero && (r < T.Zero) != (b < T.Zero) ? r + b : r;
    }

    public static T ApplyFloat<T>(T a, T b) where T : IFloatingPointIeee754<T>
    {
        if (b == T.Zero)
        {
            return a % b;
        }
        var mod = a % b;
        if (mod == T.Zero)
        {
            return T.CopySign(T.Zero, b);
        }
        return (b < T.Zero) != (mod < T.Zero) ? mod + b : mod;
    }
}
