namespace Tessera.Kernels.Expressions;

/// <summary>
/// NumPy's type promotion over Tessera's element types, with NumPy 2's weak Python scalars (NEP 50).
/// </summary>
/// <remarks>
/// Arrays: bool is below every number. Integers of one signedness take the wider; a signed and an
/// unsigned integer take the smallest signed integer holding both (int8 + uint8 is int16), and
/// uint64 with any signed integer has none, so float64, as in NumPy. An integer with a float takes
/// the wider of the float and the smallest float holding the integer exactly: float16 for 8-bit,
/// float32 for 16-bit, float64 for 32- and 64-bit integers (int16 + float16 is float32).
/// Weak scalars (C# literals, like Python scalars in NumPy 2) take the array operand's type when
/// their kind is no higher: a bool literal always, an integer literal with any integer or float
/// operand (with a bool operand it is int64), a float literal with a float operand (with an integer
/// or bool operand it is float64). Two weak operands give the default types int64 / float64.
/// </remarks>
internal static class TypePromotion
{
    public static DType Promote(DType a, DType b)
    {
        if (a == b) return a;
        if (a == DType.Bool) return b;
        if (b == DType.Bool) return a;
        var aFloat = a.IsFloatingPoint();
        var bFloat = b.IsFloatingPoint();
        if (aFloat && bFloat) return a.Size() >= b.Size() ? a : b;
        if (aFloat) return WiderFloat(a, FloatHolding(b));
        if (bFloat) return WiderFloat(b, FloatHolding(a));
        return PromoteIntegers(a, b);
    }

    private static DType PromoteIntegers(DType a, DType b)
    {
        if (a.IsSignedInteger() == b.IsSignedInteger())
        {
            return a.Size() >= b.Size() ? a : b;
        }
        var (signed, unsigned) = a.IsSignedInteger() ? (a, b) : (b, a);
        if (signed.Size() > unsigned.Size()) return signed;
        return unsigned.Size() switch
        {
            1 => DType.Int16,
            2 => DType.Int32,
            4 => DType.Int64,
            _ => DType.Float64,
        };
    }

    private static DType FloatHolding(DType integer) => integer.Size() switch
    {
        1 => DType.Float16,
        2 => DType.Float32,
        _ => DType.Float64,
    };

    private static DType WiderFloat(DType a, DType b) => a.Size() >= b.Size() ? a : b;

    /// <summary>The common type of two operands, honouring weak constants.</summary>
    public static DType Common(Expr a, Expr b)
    {
        var aWeak = a is ConstantExpr { IsWeak: true };
        var bWeak = b is ConstantExpr { IsWeak: true };
        if (aWeak == bWeak)
        {
            return Promote(a.DType, b.DType);
        }
        return aWeak ? WeakWith(a.DType, b.DType) : WeakWith(b.DType, a.DType);
    }

    private static DType WeakWith(DType weak, DType strong) => weak switch
    {
        DType.Bool => strong,
        DType.Int64 => strong == DType.Bool ? DType.Int64 : strong,
        _ => strong.IsFloatingPoint() ? strong : DType.Float64,
    };
}
