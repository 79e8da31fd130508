using Tessera.Kernels.Cpu.Fused;
using Tessera.Kernels.Expressions;

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

    public Scalar Apply(Scalar a, Scalar b) => a.DType switch
    {
        DType.Float32 => Scalar.Float32(TOp.ApplyFloat(a.As<float>(), b.As<float>())),
        DType.Float64 => Scalar.Float64(TOp.ApplyFloat(a.As<double>(), b.As<double>())),
        DType.Int32 => Scalar.Int32(TOp.ApplyInteger(a.As<int>(), b.As<int>())),
        DType.Int64 => Scalar.Int64(TOp.ApplyInteger(a.As<long>(), b.As<long>())),
        _ => throw FamilyErrors.Unsupported("Numeric", a.DType),
    };

    public Step CreateStep(Slot a, Slot b, Slot result) => a.DType switch
    {
        DType.Float32 => new NumericBinaryFloatStep<TOp, float>((Slot<float>)a, (Slot<float>)b, (Slot<float>)result),
        DType.Float64 => new NumericBinaryFloatStep<TOp, double>((Slot<double>)a, (Slot<double>)b, (Slot<double>)result),
        DType.Int32 => new NumericBinaryIntegerStep<TOp, int>((Slot<int>)a, (Slot<int>)b, (Slot<int>)result),
        DType.Int64 => new NumericBinaryIntegerStep<TOp, long>((Slot<long>)a, (Slot<long>)b, (Slot<long>)result),
        _ => throw FamilyErrors.Unsupported("Numeric", a.DType),
    };
}

/// <summary>
/// Floating-point binary ops (true divide, atan2). Integers become float64; bool becomes
/// <paramref name="boolType"/> (NumPy: float64 for true divide, float16 - here float32 - for atan2).
/// </summary>
internal sealed class FloatBinaryFamily<TOp>(DType boolType) : IBinaryFamily where TOp : IFloatBinaryOp
{
    public DType OperandType(DType common) => common switch
    {
        DType.Float32 or DType.Float64 => common,
        DType.Bool => boolType,
        _ => DType.Float64,
    };

    public DType ResultType(DType operand) => operand;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar a, Scalar b) => a.DType switch
    {
        DType.Float32 => Scalar.Float32(TOp.Apply(a.As<float>(), b.As<float>())),
        DType.Float64 => Scalar.Float64(TOp.Apply(a.As<double>(), b.As<double>())),
        _ => throw FamilyErrors.Unsupported("Floating-point", a.DType),
    };

    public Step CreateStep(Slot a, Slot b, Slot result) => a.DType switch
    {
        DType.Float32 => new FloatBinaryStep<TOp, float>((Slot<float>)a, (Slot<float>)b, (Slot<float>)result),
        DType.Float64 => new FloatBinaryStep<TOp, double>((Slot<double>)a, (Slot<double>)b, (Slot<double>)result),
        _ => throw FamilyErrors.Unsupported("Floating-point", a.DType),
    };
}

/// <summary>The six comparisons on the common type; bools compare as int32 (false &lt; true, as in NumPy).</summary>
internal sealed class CompareFamily<TOp> : IBinaryFamily where TOp : ICompareOp
{
    public DType OperandType(DType common) => common == DType.Bool ? DType.Int32 : common;

    public DType ResultType(DType operand) => DType.Bool;

    public Type? OperatorType => typeof(TOp);

    public Scalar Apply(Scalar a, Scalar b) => Scalar.Bool(a.DType switch
    {
        DType.Float32 => TOp.Apply(a.As<float>(), b.As<float>()),
        DType.Float64 => TOp.Apply(a.As<double>(), b.As<double>()),
        DType.Int32 => TOp.Apply(a.As<int>(), b.As<int>()),
        DType.Int64 => TOp.Apply(a.As<long>(), b.As<long>()),
        _ => throw FamilyErrors.Unsupported("Comparison", a.DType),
    });

    public Step CreateStep(Slot a, Slot b, Slot result) => a.DType switch
    {
        DType.Float32 => new CompareStep<TOp, float>((Slot<float>)a, (Slot<float>)b, (Slot<bool>)result),
        DType.Float64 => new CompareStep<TOp, double>((Slot<double>)a, (Slot<double>)b, (Slot<bool>)result),
        DType.Int32 => new CompareStep<TOp, int>((Slot<int>)a, (Slot<int>)b, (Slot<bool>)result),
        DType.Int64 => new CompareStep<TOp, long>((Slot<long>)a, (Slot<long>)b, (Slot<bool>)result),
        _ => throw FamilyErrors.Unsupported("Comparison", a.DType),
    };
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
