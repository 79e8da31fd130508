using System.Numerics;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.IlGpu.Expressions;

// Device-safe twins of op structs whose Apply ILGPU cannot compile, or compiles with other
// semantics on a GPU. Each keeps the CPU op's contract and results; the integer paths delegate to
// the original. DeviceOps.For maps an op struct to its twin (or itself when it needs none).

/// <summary>
/// <see cref="Ops.FloorDivide"/> for the device: its float path builds 0.5 with
/// <c>T.CreateTruncating</c>, whose implementation uses <c>typeof</c> (ILGPU: "System.Type is not
/// supported"); here 0.5 is <c>1 / 2</c>, exact in both float types, so results are identical.
/// </summary>
internal readonly struct DeviceFloorDivide : INumericBinaryOp
{
    /// <inheritdoc/>
    public static T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T> => Ops.FloorDivide.ApplyInteger(a, b);

    /// <inheritdoc/>
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
            return DeviceMath.CopySign(T.Zero, a / b);
        }
        var floor = T.Floor(div);
        if (div - floor > DeviceMath.Half<T>())
        {
            floor += T.One;
        }
        return floor;
    }
}

/// <summary>
/// <see cref="Ops.Remainder"/> for the device: the float path's <c>T.CopySign</c> is replaced by a
/// sign test (<see cref="DeviceMath.CopySign"/>), which every ILGPU backend compiles.
/// </summary>
internal readonly struct DeviceRemainder : INumericBinaryOp
{
    /// <inheritdoc/>
    public static T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T> => Ops.Remainder.ApplyInteger(a, b);

    /// <inheritdoc/>
    public static T ApplyFloat<T>(T a, T b) where T : IFloatingPointIeee754<T>
    {
        if (b == T.Zero)
        {
            return a % b;
        }
        var mod = a % b;
        if (mod == T.Zero)
        {
            return DeviceMath.CopySign(T.Zero, b);
        }
        return (b < T.Zero) != (mod < T.Zero) ? mod + b : mod;
    }
}

/// <summary>
/// <see cref="Ops.Minimum"/> for the device: <c>T.Min</c> is <c>Math.Min</c>, which ILGPU lowers
/// to the hardware min (PTX <c>min.f64</c>, OpenCL <c>fmin</c>) that returns the other operand of
/// a NaN; NumPy and the CPU backend propagate the NaN. Ties of zeros pick -0, as Math.Min does.
/// </summary>
internal readonly struct DeviceMinimum : INumericBinaryOp
{
    /// <inheritdoc/>
    public static T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T> => Ops.Minimum.ApplyInteger(a, b);

    /// <inheritdoc/>
    public static T ApplyFloat<T>(T a, T b) where T : IFloatingPointIeee754<T> =>
        T.IsNaN(a) ? a : T.IsNaN(b) ? b : a < b ? a : b < a ? b : DeviceMath.IsNegative(a) ? a : b;
}

/// <summary><see cref="Ops.Maximum"/> for the device (see <see cref="DeviceMinimum"/>); ties of zeros pick +0.</summary>
internal readonly struct DeviceMaximum : INumericBinaryOp
{
    /// <inheritdoc/>
    public static T ApplyInteger<T>(T a, T b) where T : IBinaryInteger<T> => Ops.Maximum.ApplyInteger(a, b);

    /// <inheritdoc/>
    public static T ApplyFloat<T>(T a, T b) where T : IFloatingPointIeee754<T> =>
        T.IsNaN(a) ? a : T.IsNaN(b) ? b : a > b ? a : b > a ? b : DeviceMath.IsNegative(a) ? b : a;
}

/// <summary>Small generic-math helpers every ILGPU backend compiles (no typeof, no Math calls without intrinsics).</summary>
internal static class DeviceMath
{
    /// <summary>0.5, built without <c>CreateTruncating</c>.</summary>
    public static T Half<T>() where T : IFloatingPointIeee754<T> => T.One / (T.One + T.One);

    /// <summary><paramref name="magnitude"/> (a zero or positive number here) with the sign of <paramref name="sign"/>.</summary>
    public static T CopySign<T>(T magnitude, T sign) where T : IFloatingPointIeee754<T> =>
        IsNegative(sign) ? -T.Abs(magnitude) : T.Abs(magnitude);

    /// <summary>
    /// True for negative numbers and -0 (false for NaN), by comparisons alone: <c>T.IsNegative</c>
    /// reads the sign bit through a bit cast, which not every backend lowers.
    /// </summary>
    public static bool IsNegative<T>(T x) where T : IFloatingPointIeee754<T> =>
        x < T.Zero || (x == T.Zero && T.One / x < T.Zero);
}

/// <summary>Maps op structs to the device-safe twins above.</summary>
internal static class DeviceOps
{
    /// <summary>The struct the device runs for <paramref name="op"/>: its twin, or the op itself.</summary>
    public static Type For(Type op) =>
        op == typeof(Ops.FloorDivide) ? typeof(DeviceFloorDivide)
        : op == typeof(Ops.Remainder) ? typeof(DeviceRemainder)
        : op == typeof(Ops.Minimum) ? typeof(DeviceMinimum)
        : op == typeof(Ops.Maximum) ? typeof(DeviceMaximum)
        : op == typeof(Ops.LeftShift) ? typeof(DeviceLeftShift)
        : op == typeof(Ops.RightShift) ? typeof(DeviceRightShift)
        : op;
}
