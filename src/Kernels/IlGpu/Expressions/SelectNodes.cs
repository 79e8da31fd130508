namespace Tessera.Kernels.IlGpu.Expressions;

/// <summary><c>condition ? whenTrue : whenFalse</c>; the condition is a bool (byte, nonzero meaning true).</summary>
internal readonly struct Where<T, C, A, B>(C condition, A whenTrue, B whenFalse) : IDeviceExpr<T>
    where T : unmanaged
    where C : struct, IDeviceExpr<byte>
    where A : struct, IDeviceExpr<T>
    where B : struct, IDeviceExpr<T>
{
    /// <summary>The condition.</summary>
    public readonly C Condition = condition;

    /// <summary>The value where the condition holds.</summary>
    public readonly A WhenTrue = whenTrue;

    /// <summary>The value elsewhere.</summary>
    public readonly B WhenFalse = whenFalse;

    /// <inheritdoc/>
    public T Eval(int index) => Condition.Eval(index) != 0 ? WhenTrue.Eval(index) : WhenFalse.Eval(index);
}

/// <summary>A conversion between device element types by the rules of <see cref="Ops.Convert"/>.</summary>
internal readonly struct Cast<TFrom, TTo, TConversion, X>(X x) : IDeviceExpr<TTo>
    where TFrom : unmanaged
    where TTo : unmanaged
    where TConversion : struct, IDeviceConversion<TFrom, TTo>
    where X : struct, IDeviceExpr<TFrom>
{
    /// <summary>The operand.</summary>
    public readonly X Operand = x;

    /// <inheritdoc/>
    public TTo Eval(int index) => TConversion.Convert(Operand.Eval(index));
}
