using System.Numerics;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.IlGpu.Expressions;

// Unary nodes: one per op family, generic over the family's operator struct (Ops.*, or its
// device-safe twin from DeviceOps), so ILGPU inlines the op's Apply into the kernel.

/// <summary>A floating-point function (sin, exp, floor, ...) on float or double.</summary>
internal readonly struct FloatUnary<T, TOp, X>(X x) : IDeviceExpr<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOp : struct, IFloatUnaryOp
    where X : struct, IDeviceExpr<T>
{
    /// <summary>The operand.</summary>
    public readonly X Operand = x;

    /// <inheritdoc/>
    public T Eval(int index) => TOp.Apply(Operand.Eval(index));
}

/// <summary>A type-keeping numeric op (neg, abs, sign, round) on float or double.</summary>
internal readonly struct NumericUnaryFloat<T, TOp, X>(X x) : IDeviceExpr<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOp : struct, INumericUnaryOp
    where X : struct, IDeviceExpr<T>
{
    /// <summary>The operand.</summary>
    public readonly X Operand = x;

    /// <inheritdoc/>
    public T Eval(int index) => TOp.ApplyFloat(Operand.Eval(index));
}

/// <summary>A type-keeping numeric op on int or long (wrapping, as NumPy).</summary>
internal readonly struct NumericUnaryInteger<T, TOp, X>(X x) : IDeviceExpr<T>
    where T : unmanaged, IBinaryInteger<T>
    where TOp : struct, INumericUnaryOp
    where X : struct, IDeviceExpr<T>
{
    /// <summary>The operand.</summary>
    public readonly X Operand = x;

    /// <inheritdoc/>
    public T Eval(int index) => TOp.ApplyInteger(Operand.Eval(index));
}

/// <summary>A test (isnan, isinf) on float or double giving bool as byte 0/1.</summary>
internal readonly struct PredicateFloat<T, TOp, X>(X x) : IDeviceExpr<byte>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOp : struct, IPredicateOp
    where X : struct, IDeviceExpr<T>
{
    /// <summary>The operand.</summary>
    public readonly X Operand = x;

    /// <inheritdoc/>
    public byte Eval(int index) => TOp.ApplyFloat(Operand.Eval(index)) ? (byte)1 : (byte)0;
}

/// <summary>A test on int or long giving bool as byte 0/1.</summary>
internal readonly struct PredicateInteger<T, TOp, X>(X x) : IDeviceExpr<byte>
    where T : unmanaged, IBinaryInteger<T>
    where TOp : struct, IPredicateOp
    where X : struct, IDeviceExpr<T>
{
    /// <summary>The operand.</summary>
    public readonly X Operand = x;

    /// <inheritdoc/>
    public byte Eval(int index) => TOp.ApplyInteger(Operand.Eval(index)) ? (byte)1 : (byte)0;
}

/// <summary>Logical not of a bool (byte 0/1).</summary>
internal readonly struct LogicalNot<X>(X x) : IDeviceExpr<byte>
    where X : struct, IDeviceExpr<byte>
{
    /// <summary>The operand.</summary>
    public readonly X Operand = x;

    /// <inheritdoc/>
    public byte Eval(int index) => Operand.Eval(index) == 0 ? (byte)1 : (byte)0;
}

/// <summary>
/// <c>x ** 2</c> on floats as one multiply, with <c>x</c> evaluated once: the CPU backend does the
/// same (squaring is exact either way, and pow costs far more), so the results agree bit for bit.
/// </summary>
internal readonly struct Square<T, X>(X x) : IDeviceExpr<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where X : struct, IDeviceExpr<T>
{
    /// <summary>The base.</summary>
    public readonly X Operand = x;

    /// <inheritdoc/>
    public T Eval(int index)
    {
        var v = Operand.Eval(index);
        return v * v;
    }
}
