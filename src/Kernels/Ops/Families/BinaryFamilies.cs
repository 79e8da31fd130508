using System.Numerics;
using Tessera.Kernels.Cpu.Fused;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Types;

namespace Tessera.Kernels.Ops.Families;

/// <summary>
/// + - * // % pow min max on the operands' common type. bool op bool is computed in int32:
/// NumPy keeps bool for + and * (logical or/and) and rejects -, which would make one op mean two
/// different things; int32 arithmetic is the documented choice here.
/// </summary>
internal sealed class NumericBinaryFamily<TOp> : IBinaryFamily where TOp : INumericBinaryOp
{
    public DType OperandType(DType common) => common == DType.Bool ? DType.Int32 : common;

    public DType ResultType(DType operand) => operand;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar a, Scalar b) => ElementTypeSwitch.VisitNumber<Scalar2, Scalar>(a.DType, new(a, b), "Numeric");

    public Step CreateStep(Slot a, Slot b, Slot result) =>
        ElementTypeSwitch.VisitNumber<Steps, Step>(a.DType, new(a, b, result), "Numeric");

    private readonly struct Scalar2(Scalar a, Scalar b) : INumberTypeVisitor<Scalar>
    {
        public Scalar Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
            Scalar.Of(TOp.ApplyInteger(a.As<T>(), b.As<T>()));

        public Scalar Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            Scalar.Of(TOp.ApplyFloat(a.As<T>(), b.As<T>()));
    }

    private readonly struct Steps(Slot a, Slot b, Slot result) : INumberTypeVisitor<Step>
    {
        public Step Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
            new NumericBinaryIntegerStep<TOp, T>((Slot<T>)a, (Slot<T>)b, (Slot<T>)result);

        public Step Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            new NumericBinaryFloatStep<TOp, T>((Slot<T>)a, (Slot<T>)b, (Slot<T>)result);
    }
}

/// <summary>
/// Floating-point binary ops. True divide turns integers and bool into float64 (NumPy's rule for
/// <c>/</c>); atan2 and hypot take the smallest float holding the operands, like the unary
/// functions (<see cref="FloatTypes.Holding"/>): int8 gives float16 there.
/// </summary>
internal sealed class FloatBinaryFamily<TOp>(bool integersToFloat64) : IBinaryFamily where TOp : IFloatBinaryOp
{
    public DType OperandType(DType common) =>
        common.IsFloatingPoint() ? common : integersToFloat64 ? DType.Float64 : FloatTypes.Holding(common);

    public DType ResultType(DType operand) => operand;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar a, Scalar b) => ElementTypeSwitch.VisitNumber<Scalar2, Scalar>(a.DType, new(a, b), "Floating-point");

    public Step CreateStep(Slot a, Slot b, Slot result) =>
        ElementTypeSwitch.VisitNumber<Steps, Step>(a.DType, new(a, b, result), "Floating-point");

    private readonly struct Scalar2(Scalar a, Scalar b) : INumberTypeVisitor<Scalar>
    {
        public Scalar Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
            throw FamilyErrors.Unsupported("Floating-point", a.DType);

        public Scalar Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            Scalar.Of(TOp.Apply(a.As<T>(), b.As<T>()));
    }

    private readonly struct Steps(Slot a, Slot b, Slot result) : INumberTypeVisitor<Step>
    {
        public Step Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
            throw FamilyErrors.Unsupported("Floating-point", a.DType);

        public Step Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            new FloatBinaryStep<TOp, T>((Slot<T>)a, (Slot<T>)b, (Slot<T>)result);
    }
}

/// <summary>The six comparisons on the common type; bools compare as int32 (false &lt; true, as in NumPy).</summary>
internal sealed class CompareFamily<TOp> : IBinaryFamily where TOp : ICompareOp
{
    public DType OperandType(DType common) => common == DType.Bool ? DType.Int32 : common;

    public DType ResultType(DType operand) => DType.Bool;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar a, Scalar b) => ElementTypeSwitch.VisitNumber<Scalar2, Scalar>(a.DType, new(a, b), "Comparison");

    public Step CreateStep(Slot a, Slot b, Slot result) =>
        ElementTypeSwitch.VisitNumber<Steps, Step>(a.DType, new(a, b, result), "Comparison");

    private readonly struct Scalar2(Scalar a, Scalar b) : INumberTypeVisitor<Scalar>
    {
        public Scalar Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> => Scalar.Bool(TOp.Apply(a.As<T>(), b.As<T>()));

        public Scalar Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> => Scalar.Bool(TOp.Apply(a.As<T>(), b.As<T>()));
    }

    private readonly struct Steps(Slot a, Slot b, Slot result) : INumberTypeVisitor<Step>
    {
        public Step Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
            new CompareStep<TOp, T>((Slot<T>)a, (Slot<T>)b, (Slot<bool>)result);

        public Step Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            new CompareStep<TOp, T>((Slot<T>)a, (Slot<T>)b, (Slot<bool>)result);
    }
}

/// <summary>Logical and/or: operands converted to bool (x != 0) first.</summary>
internal sealed class LogicalFamily<TOp> : IBinaryFamily where TOp : ILogicalOp
{
    public DType OperandType(DType common) => DType.Bool;

    public DType ResultType(DType operand) => DType.Bool;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar a, Scalar b) => Scalar.Bool(TOp.Apply(a.As<bool>(), b.As<bool>()));

    public Step CreateStep(Slot a, Slot b, Slot result) =>
        new LogicalStep<TOp>((Slot<bool>)a, (Slot<bool>)b, (Slot<bool>)result);
}
