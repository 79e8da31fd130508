using Tessera.Kernels.Cpu.Fused;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Ops.Families;

/// <summary>
/// Floating-point functions (sin, exp, floor, ...). Integers become float64 and bool float32, as
/// NumPy does for int32/int64; NumPy gives float16 for bool, a type we do not have, so float32.
/// </summary>
internal sealed class FloatUnaryFamily<TOp> : IUnaryFamily where TOp : IFloatUnaryOp
{
    public DType OperandType(DType given) => given switch
    {
        DType.Float32 or DType.Float64 => given,
        DType.Bool => DType.Float32,
        _ => DType.Float64,
    };

    public DType ResultType(DType operand) => operand;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar x) => x.DType switch
    {
        DType.Float32 => Scalar.Float32(TOp.Apply(x.As<float>())),
        DType.Float64 => Scalar.Float64(TOp.Apply(x.As<double>())),
        _ => throw FamilyErrors.Unsupported("Floating-point", x.DType),
    };

    public Step CreateStep(Slot x, Slot result) => x.DType switch
    {
        DType.Float32 => new FloatUnaryStep<TOp, float>((Slot<float>)x, (Slot<float>)result),
        DType.Float64 => new FloatUnaryStep<TOp, double>((Slot<double>)x, (Slot<double>)result),
        _ => throw FamilyErrors.Unsupported("Floating-point", x.DType),
    };
}

/// <summary>Type-keeping numeric ops (neg, abs, sign, round). Bool is treated as int32 (NumPy rejects neg/sign of bool).</summary>
internal sealed class NumericUnaryFamily<TOp> : IUnaryFamily where TOp : INumericUnaryOp
{
    public DType OperandType(DType given) => given == DType.Bool ? DType.Int32 : given;

    public DType ResultType(DType operand) => operand;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar x) => x.DType switch
    {
        DType.Float32 => Scalar.Float32(TOp.ApplyFloat(x.As<float>())),
        DType.Float64 => Scalar.Float64(TOp.ApplyFloat(x.As<double>())),
        DType.Int32 => Scalar.Int32(TOp.ApplyInteger(x.As<int>())),
        DType.Int64 => Scalar.Int64(TOp.ApplyInteger(x.As<long>())),
        _ => throw FamilyErrors.Unsupported("Numeric", x.DType),
    };

    public Step CreateStep(Slot x, Slot result) => x.DType switch
    {
        DType.Float32 => new NumericUnaryFloatStep<TOp, float>((Slot<float>)x, (Slot<float>)result),
        DType.Float64 => new NumericUnaryFloatStep<TOp, double>((Slot<double>)x, (Slot<double>)result),
        DType.Int32 => new NumericUnaryIntegerStep<TOp, int>((Slot<int>)x, (Slot<int>)result),
        DType.Int64 => new NumericUnaryIntegerStep<TOp, long>((Slot<long>)x, (Slot<long>)result),
        _ => throw FamilyErrors.Unsupported("Numeric", x.DType),
    };
}

/// <summary>Tests giving bool (isnan, isinf). Bool operands are tested as int32 (always false).</summary>
internal sealed class PredicateFamily<TOp> : IUnaryFamily where TOp : IPredicateOp
{
    public DType OperandType(DType given) => given == DType.Bool ? DType.Int32 : given;

    public DType ResultType(DType operand) => DType.Bool;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar x) => Scalar.Bool(x.DType switch
    {
        DType.Float32 => TOp.ApplyFloat(x.As<float>()),
        DType.Float64 => TOp.ApplyFloat(x.As<double>()),
        DType.Int32 => TOp.ApplyInteger(x.As<int>()),
        DType.Int64 => TOp.ApplyInteger(x.As<long>()),
        _ => throw FamilyErrors.Unsupported("Predicate", x.DType),
    });

    public Step CreateStep(Slot x, Slot result) => x.DType switch
    {
        DType.Float32 => new PredicateFloatStep<TOp, float>((Slot<float>)x, (Slot<bool>)result),
        DType.Float64 => new PredicateFloatStep<TOp, double>((Slot<double>)x, (Slot<bool>)result),
        DType.Int32 => new PredicateIntegerStep<TOp, int>((Slot<int>)x, (Slot<bool>)result),
        DType.Int64 => new PredicateIntegerStep<TOp, long>((Slot<long>)x, (Slot<bool>)result),
        _ => throw FamilyErrors.Unsupported("Predicate", x.DType),
    };
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
