using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Ops;

/// <summary>
/// The one definition of element conversion, used by the cast operator, by weak constants and
/// by the scalar reference. Rules: to bool is <c>x != 0</c> (NaN is true, as in NumPy); from bool
/// is 1 or 0; integer narrowing wraps; float to integer truncates toward zero and saturates, NaN
/// giving 0 (NumPy leaves out-of-range float-to-int casts undefined; we pick the defined .NET rule).
/// </summary>
internal static class Convert
{
    public static TTo Apply<TFrom, TTo>(TFrom x)
    {
        if (typeof(TTo) == typeof(bool))
        {
            return (TTo)(object)IsTrue(x);
        }
        if (typeof(TFrom) == typeof(float) || typeof(TFrom) == typeof(double))
        {
            return FromDouble<TTo>(typeof(TFrom) == typeof(float) ? (float)(object)x! : (double)(object)x!);
        }
        return FromLong<TTo>(ToLong(x));
    }

    public static Scalar ToScalar<TFrom>(TFrom x, DType target) => target switch
    {
        DType.Float32 => Scalar.Float32(Apply<TFrom, float>(x)),
        DType.Float64 => Scalar.Float64(Apply<TFrom, double>(x)),
        DType.Int32 => Scalar.Int32(Apply<TFrom, int>(x)),
        DType.Int64 => Scalar.Int64(Apply<TFrom, long>(x)),
        _ => Scalar.Bool(Apply<TFrom, bool>(x)),
    };

    public static bool IsTrue<T>(T x)
    {
        if (typeof(T) == typeof(bool)) return (bool)(object)x!;
        if (typeof(T) == typeof(float)) return (float)(object)x! != 0f;
        if (typeof(T) == typeof(double)) return (double)(object)x! != 0d;
        return ToLong(x) != 0;
    }

    private static long ToLong<T>(T x)
    {
        if (typeof(T) == typeof(int)) return (int)(object)x!;
        if (typeof(T) == typeof(long)) return (long)(object)x!;
        if (typeof(T) == typeof(bool)) return (bool)(object)x! ? 1 : 0;
        throw new NotSupportedException($"No conversion from {typeof(T).Name}.");
    }

    private static TTo FromDouble<TTo>(double d)
    {
        if (typeof(TTo) == typeof(float)) return (TTo)(object)(float)d;
        if (typeof(TTo) == typeof(double)) return (TTo)(object)d;
        // .NET 9+ defines these conversions as saturating with NaN -> 0 on every platform.
        if (typeof(TTo) == typeof(int)) return (TTo)(object)(int)d;
        if (typeof(TTo) == typeof(long)) return (TTo)(object)(long)d;
        throw new NotSupportedException($"No conversion to {typeof(TTo).Name}.");
    }

    private static TTo FromLong<TTo>(long l)
    {
        if (typeof(TTo) == typeof(float)) return (TTo)(object)(float)l;
        if (typeof(TTo) == typeof(double)) return (TTo)(object)(double)l;
        if (typeof(TTo) == typeof(int)) return (TTo)(object)unchecked((int)l);
        if (typeof(TTo) == typeof(long)) return (TTo)(object)l;
        throw new NotSupportedException($"No conversion to {typeof(TTo).Name}.");
    }
}
