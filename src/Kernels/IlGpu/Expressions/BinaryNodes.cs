using System.Numerics;
using Tessera.Kernels.Ops;

namespace Tessera.Kernels.IlGpu.Expressions;

// Binary nodes: both operands already have the op's operand type (the Ex factories inserted the
// casts), so a node only applies its operator struct.

/// <summary>+ - * // % pow min max on float or double.</summary>
internal readonly struct NumericBinaryFloat<T, TOp, L, R>(L left, R right) : IDeviceExpr<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOp : struct, INumericBinaryOp
    where L : struct, IDeviceExpr<T>
    where R : struct, IDeviceExpr<T>
{
    /// <summary>The left operand.</summary>
    public readonly L Left = left;

    /// <summary>The right operand.</summary>
    public readonly R Right = right;

    /// <inheritdoc/>
    public T Eval(int index) => TOp.ApplyFloat(Left.Eval(index), Right.Eval(index));
}

/// <summary>+ - * // % pow min max on int or long (wrapping, as NumPy).</summary>
internal readonly struct NumericBinaryInteger<T, TOp, L, R>(L left, R right) : IDeviceExpr<T>
    where T : unmanaged, IBinaryInteger<T>
    where TOp : struct, INumericBinaryOp
    where L : struct, IDeviceExpr<T>
    where R : struct, IDeviceExpr<T>
{
    /// <summary>The left operand.</summary>
    public readonly L Left = left;

    /// <summary>The right operand.</summary>
    public readonly R Right = right;

    /// <inheritdoc/>
    public T Eval(int index) => TOp.ApplyInteger(Left.Eval(index), Right.Eval(index));
}

/// <summary>A floating-point-only binary op (true divide, atan2).</summary>
internal readonly struct FloatBinary<T, TOp, L, R>(L left, R right) : IDeviceExpr<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TOp : struct, IFloatBinaryOp
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

/// <summary>A comparison of two numbers of type <typeparamref name="T"/>, giving bool as byte 0/1.</summary>
internal readonly struct Compare<T, TOp, L, R>(L left, R right) : IDeviceExpr<byte>
    where T : unmanaged, INumber<T>
    where TOp : struct, ICompareOp
    where L : struct, IDeviceExpr<T>
    where R : struct, IDeviceExpr<T>
{
    /// <summary>The left operand.</summary>
    public readonly L Left = left;

    /// <summary>The right operand.</summary>
    public readonly R Right = right;

    /// <inheritdoc/>
    public byte Eval(int index) => TOp.Apply(Left.Eval(index), Right.Eval(index)) ? (byte)1 : (byte)0;
}

/// <summary>Logical and/or of two bools (bytes, nonzero meaning true), giving 0/1.</summary>
internal readonly struct Logical<TOp, L, R>(L left, R right) : IDeviceExpr<byte>
    where TOp : struct, ILogicalOp
    where L : struct, IDeviceExpr<byte>
    where R : struct, IDeviceExpr<byte>
{
    /// <summary>The left operand.</summary>
    public readonly L Left = left;

    /// <summary>The right operand.</summary>
    public readonly R Right = right;

    /// <inheritdoc/>
    public byte Eval(int index) => TOp.Apply(Left.Eval(index) != 0, Right.Eval(index) != 0) ? (byte)1 : (byte)0;
}
