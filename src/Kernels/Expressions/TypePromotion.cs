namespace Tessera.Kernels.Expressions;

/// <summary>
/// NumPy's type promotion restricted to bool, int32, int64, float32 and float64, plus NumPy 2's
/// weak Python scalars.
/// </summary>
/// <remarks>
/// Arrays: bool &lt; int32 &lt; int64 and float32 &lt; float64; mixing an integer with float32
/// gives float64 (float32 cannot hold every int32), so int32+float32 and int64+float32 are float64.
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
        if (aFloat && bFloat) return DType.Float64;
        if (!aFloat && !bFloat) return DType.Int64;
        // One integer, one float: only float64 holds both exactly.
        return DType.Float64;
    }

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
