using System.Numerics;

namespace Tessera.Kernels.Ops;

// The bitwise operators of NumPy's integer types: & | ^ on integers and bools, << >> and ~.

/// <summary>A bitwise op on two integers of one type; bools run as 0/1 bytes and stay bool.</summary>
internal interface IBitwiseOp
{
    static abstract T Apply<T>(T a, T b) where T : IBinaryInteger<T>, IMinMaxValue<T>;
}

/// <summary>A bitwise op on one integer (the complement); bools take logical not instead.</summary>
internal interface IBitwiseUnaryOp
{
    static abstract T Apply<T>(T x) where T : IBinaryInteger<T>;
}

internal readonly struct BitwiseNot : IBitwiseUnaryOp
{
    public static T Apply<T>(T x) where T : IBinaryInteger<T> => ~x;
}

internal readonly struct BitwiseAnd : IBitwiseOp
{
    public static T Apply<T>(T a, T b) where T : IBinaryInteger<T>, IMinMaxValue<T> => a & b;
}

internal readonly struct BitwiseOr : IBitwiseOp
{
    public static T Apply<T>(T a, T b) where T : IBinaryInteger<T>, IMinMaxValue<T> => a | b;
}

internal readonly struct BitwiseXor : IBitwiseOp
{
    public static T Apply<T>(T a, T b) where T : IBinaryInteger<T>, IMinMaxValue<T> => a ^ b;
}

/// <summary>
/// <c>a &lt;&lt; b</c> as NumPy defines it: a count at or past the type's width (or negative) gives
/// 0, where C# would take the count modulo the width.
/// </summary>
internal readonly struct LeftShift : IBitwiseOp
{
    public static T Apply<T>(T a, T b) where T : IBinaryInteger<T>, IMinMaxValue<T> =>
        Shifts.InRange(b, out var count) ? a << count : T.Zero;
}

/// <summary>
/// <c>a &gt;&gt; b</c>, arithmetic for signed types. A count at or past the width (or negative)
/// gives 0, or -1 for a negative signed value, as NumPy's.
/// </summary>
internal readonly struct RightShift : IBitwiseOp
{
    public static T Apply<T>(T a, T b) where T : IBinaryInteger<T>, IMinMaxValue<T> =>
        Shifts.InRange(b, out var count) ? a >> count : T.IsNegative(a) ? -T.One : T.Zero;
}

internal static class Shifts
{
    public static bool InRange<T>(T b, out int count) where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        var bits = T.AllBitsSet.GetByteCount() * 8;
        if (T.IsNegative(b) || b >= T.CreateTruncating(bits))
        {
            count = 0;
            return false;
        }
        count = int.CreateTruncating(b);
        return true;
    }
}
