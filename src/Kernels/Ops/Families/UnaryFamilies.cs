using System.Numerics;
using Tessera.Kernels.Cpu.Fused;
using Tessera.Kernels.Expressions;
using Tessera.Kernels.Types;

namespace Tessera.Kernels.Ops.Families;

/// <summary>
/// Floating-point functions (sin, exp, floor, ...). Integers and bool become the smallest float that
/// holds them exactly, as NumPy's loops choose: bool and 8-bit integers float16, 16-bit float32,
/// 32- and 64-bit float64.
/// </summary>
internal sealed class FloatUnaryFamily<TOp> : IUnaryFamily where TOp : IFloatUnaryOp
{
    public DType OperandType(DType given) => FloatTypes.Holding(given);

    public DType ResultType(DType operand) => operand;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar x) => ElementTypeSwitch.VisitNumber<Scalar1, Scalar>(x.DType, new(x), "Floating-point");

    public Step CreateStep(Slot x, Slot result) => ElementTypeSwitch.VisitNumber<Steps, Step>(x.DType, new(x, result), "Floating-point");

    private readonly struct Scalar1(Scalar x) : INumberTypeVisitor<Scalar>
    {
        public Scalar Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
            throw FamilyErrors.Unsupported("Floating-point", x.DType);

        public Scalar Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            Scalar.Of(TOp.Apply(x.As<T>()));
    }

    private readonly struct Steps(Slot x, Slot result) : INumberTypeVisitor<Step>
    {
        public Step Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
            throw FamilyErrors.Unsupported("Floating-point", x.DType);

        public Step Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            new FloatUnaryStep<TOp, T>((Slot<T>)x, (Slot<T>)result);
    }
}

/// <summary>Type-keeping numeric ops (neg, abs, sign, round). Bool is treated as int32 (NumPy rejects neg/sign of bool).</summary>
internal sealed class NumericUnaryFamily<TOp> : IUnaryFamily where TOp : INumericUnaryOp
{
    public DType OperandType(DType given) => given == DType.Bool ? DType.Int32 : given;

    public DType ResultType(DType operand) => operand;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar x) => ElementTypeSwitch.VisitNumber<Scalar1, Scalar>(x.DType, new(x), "Numeric");

    public Step CreateStep(Slot x, Slot result) => ElementTypeSwitch.VisitNumber<Steps, Step>(x.DType, new(x, result), "Numeric");

    private readonly struct Scalar1(Scalar x) : INumberTypeVisitor<Scalar>
    {
        public Scalar Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
            Scalar.Of(TOp.ApplyInteger(x.As<T>()));

        public Scalar Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            Scalar.Of(TOp.ApplyFloat(x.As<T>()));
    }

    private readonly struct Steps(Slot x, Slot result) : INumberTypeVisitor<Step>
    {
        public Step Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
            new NumericUnaryIntegerStep<TOp, T>((Slot<T>)x, (Slot<T>)result);

        public Step Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            new NumericUnaryFloatStep<TOp, T>((Slot<T>)x, (Slot<T>)result);
    }
}

/// <summary>Tests giving bool (isnan, isinf). Bool operands are tested as int32 (always false).</summary>
internal sealed class PredicateFamily<TOp> : IUnaryFamily where TOp : IPredicateOp
{
    public DType OperandType(DType given) => given == DType.Bool ? DType.Int32 : given;

    public DType ResultType(DType operand) => DType.Bool;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar x) => ElementTypeSwitch.VisitNumber<Scalar1, Scalar>(x.DType, new(x), "Predicate");

    public Step CreateStep(Slot x, Slot result) => ElementTypeSwitch.VisitNumber<Steps, Step>(x.DType, new(x, result), "Predicate");

    private readonly struct Scalar1(Scalar x) : INumberTypeVisitor<Scalar>
    {
        public Scalar Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
            Scalar.Bool(TOp.ApplyInteger(x.As<T>()));

        public Scalar Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            Scalar.Bool(TOp.ApplyFloat(x.As<T>()));
    }

    private readonly struct Steps(Slot x, Slot result) : INumberTypeVisitor<Step>
    {
        public Step Integer<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T> =>
            new PredicateIntegerStep<TOp, T>((Slot<T>)x, (Slot<bool>)result);

        public Step Float<T>() where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T> =>
            new PredicateFloatStep<TOp, T>((Slot<T>)x, (Slot<bool>)result);
    }
}

/// <summary>Logical not: the operand is converted to bool (x != 0) first, as NumPy's logical_not does.</summary>
internal sealed class NotFamily : IUnaryFamily
{
    public DType OperandType(DType given) => DType.Bool;

    public DType ResultType(DType operand) => DType.Bool;

    public Type? OperatorType => null;

    public Scalar Apply(Scalar x) => Scalar.Bool(!x.As<bool>());

    public Step CreateStep(Slot x, Slot result) => new NotStep((Slot<bool>)x, (Slot<bool>)result);
}
