using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Ops;

/// <summary>
/// The one definition of element conversion, used by the cast operator, by weak constants and
/// by the scalar reference. Rules: to bool is <c>x != 0</c> (NaN is true, as in NumPy); from bool
/// is 1 or 0; integer to integer keeps the low bits (wraps, as NumPy's astype); float to integer
/// truncates toward zero and saturates, NaN giving 0 (NumPy leaves out-of-range float-to-int casts
/// undefined; we pick the defined .NET rule); to a float rounds to nearest.
/// </summary>
/// <remarks>
/// Every source is first read as one of three carriers (a double for floats, a long for signed
/// integers and bools, a ulong for unsigned integers), then written as the target. The typeof
/// tests fold away when the JIT specialises a cast step, leaving one conversion per element.
/// </remarks>
internal static class Convert
{
    public static TTo Apply<TFrom, TTo>(TFrom x)
    {
        if (typeof(TTo) == typeof(bool))
        {
            return (TTo)(object)IsTrue(x);
        }
        if (typeof(TFrom) == typeof(float) || typeof(TFrom) == typeof(double) || typeof(TFrom) == typeof(Half))
        {
            return FromDouble<TTo>(ToDouble(x));
        }
        if (typeof(TFrom) == typeof(byte) || typeof(TFrom) == typeof(ushort) || typeof(TFrom) == typeof(uint) || typeof(TFrom) == typeof(ulong))
        {
            return FromULong<TTo>(ToULong(x));
        }
        return FromLong<TTo>(ToLong(x));
    }

    public static Scalar ToScalar<TFrom>(TFrom x, DType target) =>
        Types.ElementTypeSwitch.Visit<ScalarTarget<TFrom>, Scalar>(target, new ScalarTarget<TFrom>(x));

    private readonly struct ScalarTarget<TFrom>(TFrom x) : Types.IElementTypeVisitor<Scalar>
    {
        public Scalar Visit<T>() where T : unmanaged => Scalar.Of(Apply<TFrom, T>(x));
    }

    public static bool IsTrue<T>(T x)
    {
        if (typeof(T) == typeof(bool)) return (bool)(object)x!;
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half)) return ToDouble(x) != 0d;
        return ToLong(x) != 0;
    }

    private static double ToDouble<T>(T x)
    {
        if (typeof(T) == typeof(float)) return (float)(object)x!;
        if (typeof(T) == typeof(double)) return (double)(object)x!;
        if (typeof(T) == typeof(Half)) return (double)(Half)(object)x!;
        throw new NotSupportedException($"No conversion from {typeof(T).Name}.");
    }

    private static ulong ToULong<T>(T x)
    {
        if (typeof(T) == typeof(byte)) return (byte)(object)x!;
        if (typeof(T) == typeof(ushort)) return (ushort)(object)x!;
        if (typeof(T) == typeof(uint)) return (uint)(object)x!;
        if (typeof(T) == typeof(ulong)) return (ulong)(object)x!;
        throw new NotSupportedException($"No conversion from {typeof(T).Name}.");
    }

    // Signed integers and bool; unsigned ones keep their bits (used only by IsTrue).
    private static long ToLong<T>(T x)
    {
        if (typeof(T) == typeof(int)) return (int)(object)x!;
        if (typeof(T) == typeof(long)) return (long)(object)x!;
        if (typeof(T) == typeof(bool)) return (bool)(object)x! ? 1 : 0;
        if (typeof(T) == typeof(sbyte)) return (sbyte)(object)x!;
        if (typeof(T) == typeof(short)) return (short)(object)x!;
        return unchecked((long)ToULong(x));
    }

    private static TTo FromDouble<TTo>(double d)
    {
        if (typeof(TTo) == typeof(float)) return (TTo)(object)(float)d;
        if (typeof(TTo) == typeof(double)) return (TTo)(object)d;
        if (typeof(TTo) == typeof(Half)) return (TTo)(object)(Half)d;
        // CreateSaturating: out-of-range values clamp and NaN gives 0, for every width.
        if (typeof(TTo) == typeof(int)) return (TTo)(object)int.CreateSaturating(d);
        if (typeof(TTo) == typeof(long)) return (TTo)(object)long.CreateSaturating(d);
        if (typeof(TTo) == typeof(sbyte)) return (TTo)(object)sbyte.CreateSaturating(d);
        if (typeof(TTo) == typeof(short)) return (TTo)(object)short.CreateSaturating(d);
        if (typeof(TTo) == typeof(byte)) return (TTo)(object)byte.CreateSaturating(d);
        if (typeof(TTo) == typeof(ushort)) return (TTo)(object)ushort.CreateSaturating(d);
        if (typeof(TTo) == typeof(uint)) return (TTo)(object)uint.CreateSaturating(d);
        if (typeof(TTo) == typeof(ulong)) return (TTo)(object)ulong.CreateSaturating(d);
        throw new NotSupportedException($"No conversion to {typeof(TTo).Name}.");
    }

    private static TTo FromLong<TTo>(long l)
    {
        if (typeof(TTo) == typeof(float)) return (TTo)(object)(float)l;
        if (typeof(TTo) == typeof(double)) return (TTo)(object)(double)l;
        if (typeof(TTo) == typeof(Half)) return (TTo)(object)(Half)l;
        return WrapBits<TTo>(unchecked((ulong)l));
    }

    private static TTo FromULong<TTo>(ulong u)
    {
        if (typeof(TTo) == typeof(float)) return (TTo)(object)(float)u;
        if (typeof(TTo) == typeof(double)) return (TTo)(object)(double)u;
        if (typeof(TTo) == typeof(Half)) return (TTo)(object)(Half)u;
        return WrapBits<TTo>(u);
    }

    // Integer to integer: the target keeps the low bits (two's complement), as NumPy's casts do.
    private static TTo WrapBits<TTo>(ulong bits)
    {
        if (typeof(TTo) == typeof(int)) return (TTo)(object)unchecked((int)bits);
        if (typeof(TTo) == typeof(long)) return (TTo)(object)unchecked((long)bits);
        if (typeof(TTo) == typeof(sbyte)) return (TTo)(object)unchecked((sbyte)bits);
        if (typeof(TTo) == typeof(short)) return (TTo)(object)unchecked((short)bits);
        if (typeof(TTo) == typeof(byte)) return (TTo)(object)unchecked((byte)bits);
        if (typeof(TTo) == typeof(ushort)) return (TTo)(object)unchecked((ushort)bits);
        if (typeof(TTo) == typeof(uint)) return (TTo)(object)unchecked((uint)bits);
        if (typeof(TTo) == typeof(ulong)) return (TTo)(object)bits;
        throw new NotSupportedException($"No conversion to {typeof(TTo).Name}.");
    }
}
