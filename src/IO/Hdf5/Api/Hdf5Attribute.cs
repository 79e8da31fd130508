namespace Tessera.IO.Hdf5;

/// <summary>
/// An attribute's decoded value. <see cref="Value"/> is a <see cref="long"/> (integers and
/// enumerations; <see cref="ulong"/> for unsigned 64-bit), <see cref="double"/> (floats) or
/// <see cref="string"/> for scalars; <c>long[]</c>, <c>ulong[]</c>, <c>double[]</c> or
/// <c>string[]</c> for arrays (flattened row-major; see <see cref="Shape"/>);
/// <see cref="Hdf5ObjectReference"/> (or an array of them) for object references,
/// <see cref="Hdf5ObjectReference"/>[][] for sequences of references (netCDF4's DIMENSION_LIST),
/// <see cref="Hdf5Columns"/> for compounds (netCDF4's REFERENCE_LIST); the raw <c>byte[]</c>
/// for other types (opaque, other sequences); null for a null dataspace.
/// </summary>
public sealed class Hdf5Attribute
{
    internal Hdf5Attribute(string name, Hdf5DataType type, long[] shape, object? value)
    {
        Name = name;
        Type = type;
        Shape = shape;
        Value = value;
    }

    /// <summary>The attribute's name.</summary>
    public string Name { get; }

    /// <summary>The stored element type.</summary>
    public Hdf5DataType Type { get; }

    /// <summary>The attribute's shape; empty for a scalar.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>The decoded value (see the class remarks for which CLR type each HDF5 type maps to).</summary>
    public object? Value { get; }

    /// <summary>The value as a double: numeric scalars, or a one-element numeric array.</summary>
    public double AsDouble() => Value switch
    {
        double d => d,
        long l => l,
        ulong u => u,
        double[] { Length: 1 } a => a[0],
        long[] { Length: 1 } a => a[0],
        ulong[] { Length: 1 } a => a[0],
        _ => throw new InvalidCastException($"Attribute \"{Name}\" of type {Type} with value {Describe()} is not a numeric scalar."),
    };

    /// <summary>The value as a string (fixed or variable-length string scalars, or a one-element string array).</summary>
    public string AsString() => Value switch
    {
        string s => s,
        string[] { Length: 1 } a => a[0],
        _ => throw new InvalidCastException($"Attribute \"{Name}\" of type {Type} with value {Describe()} is not a string."),
    };

    /// <summary>A short description for messages and debugging.</summary>
    public override string ToString() => $"{Name} = {Describe()}";

    private string Describe() => Value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        System.Collections.IEnumerable e and not string => $"[{string.Join(", ", e.Cast<object>().Take(8))}{(e.Cast<object>().Count() > 8 ? ", ..." : "")}]",
        _ => Value.ToString() ?? "",
    };
}
