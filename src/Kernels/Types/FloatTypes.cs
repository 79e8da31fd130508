namespace Tessera.Kernels.Types;

/// <summary>Which float a non-float operand of a floating-point op becomes (NumPy's loop choice).</summary>
internal static class FloatTypes
{
    /// <summary>
    /// Floats stay; bool and 8-bit integers become float16, 16-bit integers float32 and wider ones
    /// float64: the smallest float that holds every value exactly, as NumPy picks for sin or sqrt.
    /// </summary>
    public static DType Holding(DType given) => given switch
    {
        _ when given.IsFloatingPoint() => given,
        DType.Bool or DType.Int8 or DType.UInt8 => DType.Float16,
        DType.Int16 or DType.UInt16 => DType.Float32,
        _ => DType.Float64,
    };
}
