namespace Tessera.Kernels.Expressions;

/// <summary>
/// One typed value: a constant's value and the unit the scalar reference evaluator works in.
/// Floats are held widened to double (exact for float16 and float32), integers and bools in a long.
/// </summary>
internal readonly struct Scalar : IEquatable<Scalar>
{
    private readonly double _real;
    private readonly long _integer;

    private Scalar(DType dtype, double real, long integer)
    {
        DType = dtype;
        _real = real;
        _integer = integer;
    }

    public DType DType { get; }

    public static Scalar Float32(float value) => new(DType.Float32, value, 0);

    public static Scalar Float64(double value) => new(DType.Float64, value, 0);

    public static Scalar Int32(int value) => new(DType.Int32, 0, value);

    public static Scalar Int64(long value) => new(DType.Int64, 0, value);

    public static Scalar Bool(bool value) => new(DType.Bool, 0, value ? 1 : 0);

    /// <summary>A scalar of <typeparamref name="T"/>'s own type.</summary>
    public static Scalar Of<T>(T value)
    {
        var dtype = DTypes.Of<T>();
        return dtype.IsFloatingPoint()
            ? new Scalar(dtype, ToReal(value), 0)
            : new Scalar(dtype, 0, ToBits(value));
    }

    // Floats are exact in a double; integers keep their bits in a long (uint64 above 2^63 reads
    // negative there and is reinterpreted on the way out).
    private static double ToReal<T>(T value)
    {
        if (typeof(T) == typeof(float)) return (float)(object)value!;
        if (typeof(T) == typeof(double)) return (double)(object)value!;
        if (typeof(T) == typeof(Half)) return (double)(Half)(object)value!;
        throw new NotSupportedException($"{typeof(T).Name} is not a floating-point type.");
    }

    private static long ToBits<T>(T value)
    {
        if (typeof(T) == typeof(int)) return (int)(object)value!;
        if (typeof(T) == typeof(long)) return (long)(object)value!;
        if (typeof(T) == typeof(bool)) return (bool)(object)value! ? 1 : 0;
        if (typeof(T) == typeof(sbyte)) return (sbyte)(object)value!;
        if (typeof(T) == typeof(short)) return (short)(object)value!;
        if (typeof(T) == typeof(byte)) return (byte)(object)value!;
        if (typeof(T) == typeof(ushort)) return (ushort)(object)value!;
        if (typeof(T) == typeof(uint)) return (uint)(object)value!;
        if (typeof(T) == typeof(ulong)) return unchecked((long)(ulong)(object)value!);
        throw new NotSupportedException($"{typeof(T).Name} is not an integer or bool type.");
    }

    /// <summary>The value as <typeparamref name="T"/>, which must be this scalar's own type.</summary>
    public T As<T>()
    {
        if (DTypes.Of<T>() != DType)
        {
            throw new InvalidOperationException($"Scalar of {DType} read as {typeof(T).Name}; cast it first with CastTo.");
        }
        if (typeof(T) == typeof(float)) return (T)(object)(float)_real;
        if (typeof(T) == typeof(double)) return (T)(object)_real;
        if (typeof(T) == typeof(Half)) return (T)(object)(Half)_real;
        if (typeof(T) == typeof(int)) return (T)(object)(int)_integer;
        if (typeof(T) == typeof(long)) return (T)(object)_integer;
        if (typeof(T) == typeof(sbyte)) return (T)(object)(sbyte)_integer;
        if (typeof(T) == typeof(short)) return (T)(object)(short)_integer;
        if (typeof(T) == typeof(byte)) return (T)(object)(byte)_integer;
        if (typeof(T) == typeof(ushort)) return (T)(object)(ushort)_integer;
        if (typeof(T) == typeof(uint)) return (T)(object)(uint)_integer;
        if (typeof(T) == typeof(ulong)) return (T)(object)unchecked((ulong)_integer);
        return (T)(object)(_integer != 0);
    }

    /// <summary>Converts with the same rules as the cast operator (<see cref="Ops.Convert"/>).</summary>
    public Scalar CastTo(DType target) => Types.ElementTypeSwitch.Visit<CastVisitor, Scalar>(DType, new CastVisitor(this, target));

    private readonly struct CastVisitor(Scalar scalar, DType target) : Types.IElementTypeVisitor<Scalar>
    {
        public Scalar Visit<T>() where T : unmanaged => Ops.Convert.ToScalar(scalar.As<T>(), target);
    }

    /// <summary>The value widened to double (for tolerances and messages).</summary>
    public double ToDouble() => DType.IsFloatingPoint() ? _real : DType == DType.UInt64 ? unchecked((ulong)_integer) : _integer;

    public bool Equals(Scalar other) =>
        DType == other.DType && _integer == other._integer && _real.Equals(other._real);

    public override bool Equals(object? obj) => obj is Scalar s && Equals(s);

    public static bool operator ==(Scalar a, Scalar b) => a.Equals(b);

    public static bool operator !=(Scalar a, Scalar b) => !a.Equals(b);

    public override int GetHashCode() => HashCode.Combine(DType, _real, _integer);

    public override string ToString() => DType switch
    {
        DType.Float32 => ((float)_real).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f",
        DType.Float64 => _real.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        DType.Bool => _integer != 0 ? "true" : "false",
        DType.Int64 => _integer.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L",
        DType.UInt64 => unchecked((ulong)_integer).ToString(System.Globalization.CultureInfo.InvariantCulture) + "UL",
        DType.Float16 => _real.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "h",
        _ => _integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
