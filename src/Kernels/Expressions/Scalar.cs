namespace Tessera.Kernels.Expressions;

/// <summary>
/// One typed value: a constant's value and the unit the scalar reference evaluator works in.
/// Floats are held widened to double (exact for float32), integers and bools in a long.
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

    public static Scalar Of<T>(T value)
    {
        if (typeof(T) == typeof(float)) return Float32((float)(object)value!);
        if (typeof(T) == typeof(double)) return Float64((double)(object)value!);
        if (typeof(T) == typeof(int)) return Int32((int)(object)value!);
        if (typeof(T) == typeof(long)) return Int64((long)(object)value!);
        if (typeof(T) == typeof(bool)) return Bool((bool)(object)value!);
        throw new NotSupportedException($"Element type {typeof(T)} has no DType; use float, double, int, long or bool.");
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
        if (typeof(T) == typeof(int)) return (T)(object)(int)_integer;
        if (typeof(T) == typeof(long)) return (T)(object)_integer;
        return (T)(object)(_integer != 0);
    }

    /// <summary>Converts with the same rules as the cast operator (<see cref="Ops.Convert"/>).</summary>
    public Scalar CastTo(DType target) => DType switch
    {
        DType.Float32 => Ops.Convert.ToScalar(As<float>(), target),
        DType.Float64 => Ops.Convert.ToScalar(As<double>(), target),
        DType.Int32 => Ops.Convert.ToScalar(As<int>(), target),
        DType.Int64 => Ops.Convert.ToScalar(As<long>(), target),
        _ => Ops.Convert.ToScalar(As<bool>(), target),
    };

    /// <summary>The value widened to double (for tolerances and messages).</summary>
    public double ToDouble() => DType.IsFloatingPoint() ? _real : _integer;

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
        _ => _integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
