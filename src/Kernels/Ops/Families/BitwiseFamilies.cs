using System.Numerics;
using Tessera.Kernels.Cpu.Fused;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Types;

namespace Tessera.Kernels.Ops.Families;

/// <summary>
/// &amp; | ^ on integers (the common type) and on bools (giving bool, as NumPy's bitwise ops on
/// bool arrays); floats have no bitwise ops, as in NumPy, and give a clear error when typed.
/// </summary>
internal sealed class BitwiseFamily<TOp>(bool boolsAllowed) : IBinaryFamily, IIntegerOnlyFamily where TOp : IBitwiseOp
{
    public DType OperandType(DType common)
    {
        if (common.IsFloatingPoint())
        {
            throw new NotSupportedException(
                $"Bitwise and shift operators are defined on integer and bool arrays, not {common.NumPyName()}; " +
                "cast the operands to an integer type first (Astype<int>() or Astype<long>()).");
        }
        return common == DType.Bool && !boolsAllowed ? DType.Int8 : common;
    }

    public DType ResultType(DType operand) => operand;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar a, Scalar b) => a.DType == DType.Bool
        ? Scalar.Bool(TOp.Apply<byte>(a.As<bool>() ? (byte)1 : (byte)0, b.As<bool>() ? (byte)1 : (byte)0) != 0)
        : ElementTypeSwitch.VisitNumber<Scalar2, Scalar>(a.DType, new(a, b), "Bitwise");

    public Step CreateStep(Slot a, Slot b, Slot result) => a.DType == DType.Bool
        ? new BitwiseBoolStep<TOp>((Slot<bool>)a, (Slot<bool>)b, (Slot<bool>)result)
        : ElementTypeSwitch.VisitNumber<Steps, Step>(a.DType, new(a, b, result), "Bitwise");

    private readonly struct Scalar2(Scalar a, Scalar b) : INumberTypeVisitor<Scalar>
    {
        public Scalar Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> => Scalar.Of(TOp.Apply(a.As<T>(), b.As<T>()));

        public Scalar Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            throw FamilyErrors.Unsupported("Bitwise", a.DType);
    }

    private readonly struct Steps(Slot a, Slot b, Slot result) : INumberTypeVisitor<Step>
    {
        public Step Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
            new BitwiseStep<TOp, T>((Slot<T>)a, (Slot<T>)b, (Slot<T>)result);

        public Step Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            throw FamilyErrors.Unsupported("Bitwise", a.DType);
    }
}

/// <summary>~x: the bit complement of an integer; on bool it is logical not, as NumPy's invert.</summary>
internal sealed class InvertFamily : IUnaryFamily, IIntegerOnlyFamily
{
    public DType OperandType(DType given)
    {
        if (given.IsFloatingPoint())
        {
            throw new NotSupportedException(
                $"~ (invert) is defined on integer and bool arrays, not {given.NumPyName()}; cast to an integer type first.");
        }
        return given;
    }

    public DType ResultType(DType operand) => operand;

    public Type? OperatorType => typeof(BitwiseNot);

    public Scalar Apply(Scalar x) => x.DType == DType.Bool
        ? Scalar.Bool(!x.As<bool>())
        : ElementTypeSwitch.VisitNumber<Scalar1, Scalar>(x.DType, new(x), "Bitwise");

    public Step CreateStep(Slot x, Slot result) => x.DType == DType.Bool
        ? new NotStep((Slot<bool>)x, (Slot<bool>)result)
        : ElementTypeSwitch.VisitNumber<Steps, Step>(x.DType, new(x, result), "Bitwise");

    private readonly struct Scalar1(Scalar x) : INumberTypeVisitor<Scalar>
    {
        public Scalar Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> => Scalar.Of(BitwiseNot.Apply(x.As<T>()));

        public Scalar Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            throw FamilyErrors.Unsupported("Bitwise", x.DType);
    }

    private readonly struct Steps(Slot x, Slot result) : INumberTypeVisitor<Step>
    {
        public Step Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> => new InvertStep<T>((Slot<T>)x, (Slot<T>)result);

        public Step Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            throw FamilyErrors.Unsupported("Bitwise", x.DType);
    }
}

/// <summary>Marks the families of integer and bool operands only (the bitwise ops): floats are rejected when typed.</summary>
internal interface IIntegerOnlyFamily;
