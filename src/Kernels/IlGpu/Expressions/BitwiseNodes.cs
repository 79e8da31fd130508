using System.Numerics;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.IlGpu.Expressions;

// The bitwise ops on the device: & | ^ on int, long and bool (byte 0/1, where they are the
// logical ops), ~ on int and long (bool takes LogicalNot), and the shifts.

/// <summary>&amp; | ^ and the shifts on one integer storage type.</summary>
internal readonly struct Bitwise<T, TOp, L, R>(L left, R right) : IDeviceExpr<T>
    where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    where TOp : struct, IBitwiseOp
    where L : struct, IDeviceExpr<T>
    where R : struct, IDeviceExpr<T>
{
    /// <summary>The left operand.</summary>
    public readonly L Left = left;

    /// <summary>The right operand.</summary>
    public readonly R Right = right;

    /// <inheritdoc/>
    public T Eval(int index) => TOp.Apply(Left.Eval(index), Right.Eval(index));
}

/// <summary>~x on an integer storage type.</summary>
internal readonly struct BitwiseUnary<T, TOp, X>(X x) : IDeviceExpr<T>
    where T : unmanaged, IBinaryInteger<T>
    where TOp : struct, IBitwiseUnaryOp
    where X : struct, IDeviceExpr<T>
{
    /// <summary>The operand.</summary>
    public readonly X Operand = x;

    /// <inheritdoc/>
    public T Eval(int index) => TOp.Apply(Operand.Eval(index));
}

/// <summary>
/// <see cref="LeftShift"/> for the device. The CPU op turns the count into an int with generic
/// conversions ILGPU cannot compile (they dispatch on typeof); here the count stays of type T
/// and the value is shifted one bit at a time (at most the type's width of steps).
/// </summary>
internal readonly struct DeviceLeftShift : IBitwiseOp
{
    public static T Apply<T>(T a, T b) where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (T.IsNegative(b) || b >= T.PopCount(T.AllBitsSet))
        {
            return T.Zero;
        }
        for (var i = T.Zero; i < b; i++)
        {
            a <<= 1;
        }
        return a;
    }
}

/// <summary><see cref="RightShift"/> for the device, one bit at a time (see <see cref="DeviceLeftShift"/>).</summary>
internal readonly struct DeviceRightShift : IBitwiseOp
{
    public static T Apply<T>(T a, T b) where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (T.IsNegative(b) || b >= T.PopCount(T.AllBitsSet))
        {
            return T.IsNegative(a) ? -T.One : T.Zero;
        }
        for (var i = T.Zero; i < b; i++)
        {
            a >>= 1;
        }
        return a;
    }
}
