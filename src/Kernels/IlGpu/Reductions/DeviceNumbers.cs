namespace Tessera.Kernels.IlGpu.Reductions;

/// <summary>
/// Conversions and comparisons of one device element type, as static members the kernels call
/// through a type parameter. Generic math's conversions (<c>T.CreateTruncating</c>) consult
/// <see cref="Type"/> internally, which ILGPU cannot compile, so each type spells its own casts.
/// </summary>
/// <typeparam name="T">The device storage type (byte for bool).</typeparam>
internal interface IDeviceNumber<T> where T : unmanaged
{
    /// <summary>The value widened to double (exact for every type but int64 beyond 2^53).</summary>
    static abstract double ToDouble(T x);

    /// <summary>The value as int64 (integers and bool; floats truncate).</summary>
    static abstract long ToLong(T x);

    /// <summary>The double narrowed to this type (NaN for floats, 0 for integers when <paramref name="x"/> is NaN).</summary>
    static abstract T FromDouble(double x);

    /// <summary>True for NaN (never for integers).</summary>
    static abstract bool IsNaN(T x);

    /// <summary><paramref name="a"/> &lt; <paramref name="b"/> (false whenever either is NaN).</summary>
    static abstract bool Less(T a, T b);
}

/// <summary>float32.</summary>
internal readonly struct F32 : IDeviceNumber<float>
{
    public static double ToDouble(float x) => x;

    public static long ToLong(float x) => (long)x;

    public static float FromDouble(double x) => (float)x;

    public static bool IsNaN(float x) => float.IsNaN(x);

    public static bool Less(float a, float b) => a < b;
}

/// <summary>float64.</summary>
internal readonly struct F64 : IDeviceNumber<double>
{
    public static double ToDouble(double x) => x;

    public static long ToLong(double x) => (long)x;

    public static double FromDouble(double x) => x;

    public static bool IsNaN(double x) => double.IsNaN(x);

    public static bool Less(double a, double b) => a < b;
}

/// <summary>int32.</summary>
internal readonly struct I32 : IDeviceNumber<int>
{
    public static double ToDouble(int x) => x;

    public static long ToLong(int x) => x;

    public static int FromDouble(double x) => double.IsNaN(x) ? 0 : (int)x;

    public static bool IsNaN(int x) => false;

    public static bool Less(int a, int b) => a < b;
}

/// <summary>int64.</summary>
internal readonly struct I64 : IDeviceNumber<long>
{
    public static double ToDouble(long x) => x;

    public static long ToLong(long x) => x;

    public static long FromDouble(double x) => double.IsNaN(x) ? 0 : (long)x;

    public static bool IsNaN(long x) => false;

    public static bool Less(long a, long b) => a < b;
}

/// <summary>bool as stored on the device: one byte, 0 or 1.</summary>
internal readonly struct U8 : IDeviceNumber<byte>
{
    public static double ToDouble(byte x) => x;

    public static long ToLong(byte x) => x;

    public static byte FromDouble(double x) => x != 0 && !double.IsNaN(x) ? (byte)1 : (byte)0;

    public static bool IsNaN(byte x) => false;

    public static bool Less(byte a, byte b) => a < b;
}
