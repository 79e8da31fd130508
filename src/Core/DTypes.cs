namespace Tessera;

/// <summary>Facts about <see cref="DType"/> values and the mapping from C# element types.</summary>
public static class DTypes
{
    /// <summary>Bytes one element of <paramref name="dtype"/> occupies.</summary>
    public static int Size(this DType dtype) => dtype switch
    {
        DType.Float32 => 4,
        DType.Float64 => 8,
        DType.Int32 => 4,
        DType.Int64 => 8,
        DType.Bool => 1,
        _ => throw Unknown(dtype),
    };

    /// <summary>True for <see cref="DType.Float32"/> and <see cref="DType.Float64"/>.</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>True for <see cref="DType.Int32"/> and <see cref="DType.Int64"/>.</summary>
    public static bool IsInteger(this DType dtype) => dtype is DType.Int32 or DType.Int64;

    /// <summary>The C# type that holds one element of <paramref name="dtype"/>.</summary>
    public static Type ClrType(this DType dtype) => dtype switch
    {
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        DType.Int32 => typeof(int),
        DType.Int64 => typeof(long),
        DType.Bool => typeof(bool),
        _ => throw Unknown(dtype),
    };

    /// <summary>The <see cref="DType"/> of the C# element type <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not float, double, int, long or bool.</exception>
    public static DType Of<T>() => FromClrType(typeof(T));

    /// <summary>The <see cref="DType"/> of the C# element type <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException"><paramref name="type"/> is not float, double, int, long or bool.</exception>
    public static DType FromClrType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == typeof(float)) return DType.Float32;
        if (type == typeof(double)) return DType.Float64;
        if (type == typeof(int)) return DType.Int32;
        if (type == typeof(long)) return DType.Int64;
        if (type == typeof(bool)) return DType.Bool;
        throw new NotSupportedException(
            $"Element type {type} has no Tessera DType. Use float, double, int, long or bool " +
            "(convert other types before building the array).");
    }

    private static ArgumentOutOfRangeException Unknown(DType dtype) =>
        new(nameof(dtype), dtype, "Not a defined DType; expected Float32, Float64, Int32, Int64 or Bool.");
}
