namespace Tessera;

/// <summary>Facts about <see cref="DType"/> values and the mapping from C# element types.</summary>
public static class DTypes
{
    private const string Supported =
        "float, double, Half, int, long, short, sbyte, uint, ulong, ushort, byte or bool";

    /// <summary>Every element type, in declaration order.</summary>
    public static IReadOnlyList<DType> All { get; } = Enum.GetValues<DType>();

    /// <summary>Bytes one element of <paramref name="dtype"/> occupies.</summary>
    public static int Size(this DType dtype) => dtype switch
    {
        DType.Float32 or DType.Int32 or DType.UInt32 => 4,
        DType.Float64 or DType.Int64 or DType.UInt64 => 8,
        DType.Int16 or DType.UInt16 or DType.Float16 => 2,
        DType.Bool or DType.Int8 or DType.UInt8 => 1,
        _ => throw Unknown(dtype),
    };

    /// <summary>True for <see cref="DType.Float16"/>, <see cref="DType.Float32"/> and <see cref="DType.Float64"/>.</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64 or DType.Float16;

    /// <summary>True for the signed and unsigned integer types (not <see cref="DType.Bool"/>).</summary>
    public static bool IsInteger(this DType dtype) => dtype.IsSignedInteger() || dtype.IsUnsignedInteger();

    /// <summary>True for int8, int16, int32 and int64.</summary>
    public static bool IsSignedInteger(this DType dtype) => dtype is DType.Int8 or DType.Int16 or DType.Int32 or DType.Int64;

    /// <summary>True for uint8, uint16, uint32 and uint64.</summary>
    public static bool IsUnsignedInteger(this DType dtype) => dtype is DType.UInt8 or DType.UInt16 or DType.UInt32 or DType.UInt64;

    /// <summary>NumPy's name of the type (<c>float32</c>, <c>uint8</c>, <c>bool</c>), for messages and oracles.</summary>
    public static string NumPyName(this DType dtype) => dtype switch
    {
        DType.Bool => "bool",
        _ => dtype.ToString().ToLowerInvariant(),
    };

    /// <summary>The C# type that holds one element of <paramref name="dtype"/>.</summary>
    public static Type ClrType(this DType dtype) => dtype switch
    {
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        DType.Int32 => typeof(int),
        DType.Int64 => typeof(long),
        DType.Bool => typeof(bool),
        DType.Int8 => typeof(sbyte),
        DType.Int16 => typeof(short),
        DType.UInt8 => typeof(byte),
        DType.UInt16 => typeof(ushort),
        DType.UInt32 => typeof(uint),
        DType.UInt64 => typeof(ulong),
        DType.Float16 => typeof(Half),
        _ => throw Unknown(dtype),
    };

    /// <summary>The <see cref="DType"/> of the C# element type <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the supported element types.</exception>
    public static DType Of<T>() => FromClrType(typeof(T));

    /// <summary>True when <typeparamref name="T"/> has a <see cref="DType"/>.</summary>
    public static bool Has<T>() => TryFromClrType(typeof(T), out _);

    /// <summary>The <see cref="DType"/> of the C# element type <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException"><paramref name="type"/> is not one of the supported element types.</exception>
    public static DType FromClrType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (TryFromClrType(type, out var dtype))
        {
            return dtype;
        }
        throw new NotSupportedException(
            $"Element type {type} has no Tessera DType. Use {Supported} " +
            "(convert other types before building the array).");
    }

    private static bool TryFromClrType(Type type, out DType dtype)
    {
        if (type == typeof(float)) dtype = DType.Float32;
        else if (type == typeof(double)) dtype = DType.Float64;
        else if (type == typeof(int)) dtype = DType.Int32;
        else if (type == typeof(long)) dtype = DType.Int64;
        else if (type == typeof(bool)) dtype = DType.Bool;
        else if (type == typeof(sbyte)) dtype = DType.Int8;
        else if (type == typeof(short)) dtype = DType.Int16;
        else if (type == typeof(byte)) dtype = DType.UInt8;
        else if (type == typeof(ushort)) dtype = DType.UInt16;
        else if (type == typeof(uint)) dtype = DType.UInt32;
        else if (type == typeof(ulong)) dtype = DType.UInt64;
        else if (type == typeof(Half)) dtype = DType.Float16;
        else
        {
            dtype = default;
            return false;
        }
        return true;
    }

    private static ArgumentOutOfRangeException Unknown(DType dtype) =>
        new(nameof(dtype), dtype, $"Not a defined DType; expected one of {string.Join(", ", Enum.GetNames<DType>())}.");
}
