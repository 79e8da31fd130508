using Tessera.Kernels.Cpu.Fused;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Ops.Families;

/// <summary>
/// How a unary op is typed and run: the type its operand is converted to, its result type, the
/// scalar reference and the CPU tile step. One family class per kind of op, generic over the
/// operator struct, so each op only supplies its arithmetic.
/// </summary>
internal interface IUnaryFamily
{
    /// <summary>The type the operand is cast to before the op (e.g. int32 to float64 for sin).</summary>
    DType OperandType(DType given);

    DType ResultType(DType operand);

    /// <summary>The scalar reference; <paramref name="x"/> has the operand type.</summary>
    Scalar Apply(Scalar x);

    Step CreateStep(Slot x, Slot result);

    /// <summary>
    /// The op's operator struct (e.g. <c>Ops.Sin</c>), for backends that instantiate generic code
    /// over it at run time (the ILGPU lowering); null for ops without one (logical not).
    /// </summary>
    Type? OperatorType { get; }
}

/// <summary>The binary counterpart of <see cref="IUnaryFamily"/>; both operands share one type.</summary>
internal interface IBinaryFamily
{
    /// <summary>The type both operands are cast to, given their promoted common type.</summary>
    DType OperandType(DType common);

    DType ResultType(DType operand);

    Scalar Apply(Scalar a, Scalar b);

    Step CreateStep(Slot a, Slot b, Slot result);

    /// <summary>The op's operator struct (e.g. <c>Ops.Add</c>), as <see cref="IUnaryFamily.OperatorType"/>.</summary>
    Type? OperatorType { get; }
}

internal static class FamilyErrors
{
    public static NotSupportedException Unsupported(string family, DType dtype) =>
        new($"{family} ops have no {dtype} implementation; the type rule should have cast the operand. This is a bug in the op table.");
}
