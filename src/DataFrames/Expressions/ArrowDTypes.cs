using Apache.Arrow.Types;

namespace Tessera.DataFrames.Expressions;

/// <summary>The Arrow types kernels compute on, and their kernel element types.</summary>
internal static class ArrowDTypes
{
    /// <summary>The kernel type of a column's values: timestamps as int64, dates as int32; null for strings.</summary>
    public static DType? KernelType(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Double => DType.Float64,
        ArrowTypeId.Float => DType.Float32,
        ArrowTypeId.Int64 or ArrowTypeId.Timestamp => DType.Int64,
        ArrowTypeId.Int32 or ArrowTypeId.Date32 => DType.Int32,
        ArrowTypeId.Boolean => DType.Bool,
        _ => null,
    };

    public static IArrowType ArrowType(DType dtype) => dtype switch
    {
        DType.Float64 => DoubleType.Default,
        DType.Float32 => FloatType.Default,
        DType.Int64 => Int64Type.Default,
        DType.Int32 => Int32Type.Default,
        _ => BooleanType.Default,
    };

    public static IArrowType OfLiteral(object value) => value switch
    {
        double or float => DoubleType.Default,
        long or int => Int64Type.Default,
        bool => BooleanType.Default,
        string => StringType.Default,
        DateTime => new TimestampType(TimeUnit.Nanosecond, (string?)null),
        _ => throw new ArgumentException(
            $"A column can be combined with a double, long, int, bool, string or DateTime, not a {value.GetType().Name}."),
    };
}
