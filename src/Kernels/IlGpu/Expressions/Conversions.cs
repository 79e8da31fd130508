using System.Numerics;

namespace Tessera.Kernels.IlGpu.Expressions;

/// <summary>
/// One element conversion as a device-compilable static method. <see cref="Ops.Convert"/> is the
/// definition, but it dispatches on <c>typeof</c>, which ILGPU cannot compile, so each pair of
/// device types has its own struct here with the same rules (bool is byte 0/1 on the device).
/// </summary>
internal interface IDeviceConversion<TFrom, TTo>
{
    /// <summary>Converts one element.</summary>
    static abstract TTo Convert(TFrom x);
}

/// <summary>To bool: <c>x != 0</c> (NaN is true, as in NumPy).</summary>
internal readonly struct ToBool<TFrom> : IDeviceConversion<TFrom, byte> where TFrom : INumberBase<TFrom>
{
    /// <inheritdoc/>
    public static byte Convert(TFrom x) => x != TFrom.Zero ? (byte)1 : (byte)0;
}

/// <summary>From bool: 1 or 0.</summary>
internal readonly struct FromBool<TTo> : IDeviceConversion<byte, TTo> where TTo : INumberBase<TTo>
{
    /// <inheritdoc/>
    public static TTo Convert(byte x) => x != 0 ? TTo.One : TTo.Zero;
}

/// <summary>float32 to float64 (exact).</summary>
internal readonly struct Float32ToFloat64 : IDeviceConversion<float, double>
{
    /// <inheritdoc/>
    public static double Convert(float x) => x;
}

/// <summary>float64 to float32 (rounded to nearest).</summary>
internal readonly struct Float64ToFloat32 : IDeviceConversion<double, float>
{
    /// <inheritdoc/>
    public static float Convert(double x) => (float)x;
}

/// <summary>int32 to float32 (rounded to nearest).</summary>
internal readonly struct Int32ToFloat32 : IDeviceConversion<int, float>
{
    /// <inheritdoc/>
    public static float Convert(int x) => x;
}

/// <summary>int32 to float64 (exact).</summary>
internal readonly struct Int32ToFloat64 : IDeviceConversion<int, double>
{
    /// <inheritdoc/>
    public static double Convert(int x) => x;
}

/// <summary>int64 to float32 (rounded to nearest).</summary>
internal readonly struct Int64ToFloat32 : IDeviceConversion<long, float>
{
    /// <inheritdoc/>
    public static float Convert(long x) => x;
}

/// <summary>int64 to float64 (rounded to nearest).</summary>
internal readonly struct Int64ToFloat64 : IDeviceConversion<long, double>
{
    /// <inheritdoc/>
    public static double Convert(long x) => x;
}

/// <summary>int32 to int64 (exact).</summary>
internal readonly struct Int32ToInt64 : IDeviceConversion<int, long>
{
    /// <inheritdoc/>
    public static long Convert(int x) => x;
}

/// <summary>int64 to int32: wraps (keeps the low 32 bits), as NumPy's astype.</summary>
internal readonly struct Int64ToInt32 : IDeviceConversion<long, int>
{
    /// <inheritdoc/>
    public static int Convert(long x) => unchecked((int)x);
}

// Float to integer: truncate toward zero, saturate, NaN to 0 (the .NET 9+ rule Ops.Convert relies
// on). Written out because the hardware and OpenCL C leave out-of-range conversions to the
// implementation; the bounds are powers of two, exact in both float types.

/// <summary>float32 to int32: truncates, saturates, NaN gives 0.</summary>
internal readonly struct Float32ToInt32 : IDeviceConversion<float, int>
{
    /// <inheritdoc/>
    public static int Convert(float x) =>
        float.IsNaN(x) ? 0 : x >= 2147483648f ? int.MaxValue : x <= -2147483648f ? int.MinValue : (int)x;
}

/// <summary>float32 to int64: truncates, saturates, NaN gives 0.</summary>
internal readonly struct Float32ToInt64 : IDeviceConversion<float, long>
{
    /// <inheritdoc/>
    public static long Convert(float x) =>
        float.IsNaN(x) ? 0 : x >= 9223372036854775808f ? long.MaxValue : x <= -9223372036854775808f ? long.MinValue : (long)x;
}

/// <summary>float64 to int32: truncates, saturates, NaN gives 0.</summary>
internal readonly struct Float64ToInt32 : IDeviceConversion<double, int>
{
    /// <inheritdoc/>
    public static int Convert(double x) =>
        double.IsNaN(x) ? 0 : x >= 2147483647d ? int.MaxValue : x <= -2147483648d ? int.MinValue : (int)x;
}

/// <summary>float64 to int64: truncates, saturates, NaN gives 0.</summary>
internal readonly struct Float64ToInt64 : IDeviceConversion<double, long>
{
    /// <inheritdoc/>
    public static long Convert(double x) =>
        double.IsNaN(x) ? 0 : x >= 9223372036854775808d ? long.MaxValue : x <= -9223372036854775808d ? long.MinValue : (long)x;
}

/// <summary>Picks the conversion struct for a pair of Tessera types.</summary>
internal static class DeviceConversions
{
    /// <summary>The <see cref="IDeviceConversion{TFrom, TTo}"/> struct converting <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static Type For(DType from, DType to)
    {
        if (to == DType.Bool)
        {
            return typeof(ToBool<>).MakeGenericType(IlGpuBuffer.Storage(from));
        }
        if (from == DType.Bool)
        {
            return typeof(FromBool<>).MakeGenericType(IlGpuBuffer.Storage(to));
        }
        return (from, to) switch
        {
            (DType.Float32, DType.Float64) => typeof(Float32ToFloat64),
            (DType.Float64, DType.Float32) => typeof(Float64ToFloat32),
            (DType.Int32, DType.Float32) => typeof(Int32ToFloat32),
            (DType.Int32, DType.Float64) => typeof(Int32ToFloat64),
            (DType.Int64, DType.Float32) => typeof(Int64ToFloat32),
            (DType.Int64, DType.Float64) => typeof(Int64ToFloat64),
            (DType.Int32, DType.Int64) => typeof(Int32ToInt64),
            (DType.Int64, DType.Int32) => typeof(Int64ToInt32),
            (DType.Float32, DType.Int32) => typeof(Float32ToInt32),
            (DType.Float32, DType.Int64) => typeof(Float32ToInt64),
            (DType.Float64, DType.Int32) => typeof(Float64ToInt32),
            (DType.Float64, DType.Int64) => typeof(Float64ToInt64),
            _ => throw new NotSupportedException(
                $"No device conversion from {from} to {to}. Casts to the same type are removed by Ex; this is a bug in the lowering."),
        };
    }
}
