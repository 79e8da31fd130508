namespace Tessera.IO.Hdf5;

/// <summary>The datatype classes of the HDF5 format.</summary>
public enum Hdf5TypeClass
{
    /// <summary>Signed or unsigned integers.</summary>
    FixedPoint = 0,
    /// <summary>IEEE floating point.</summary>
    FloatingPoint = 1,
    /// <summary>Time (not written by current libraries).</summary>
    Time = 2,
    /// <summary>Fixed-length strings.</summary>
    String = 3,
    /// <summary>Bit fields.</summary>
    BitField = 4,
    /// <summary>Opaque bytes.</summary>
    Opaque = 5,
    /// <summary>Records of named members.</summary>
    Compound = 6,
    /// <summary>Object or region references.</summary>
    Reference = 7,
    /// <summary>Enumerations over an integer base type.</summary>
    Enumerated = 8,
    /// <summary>Variable-length sequences and strings (stored in the global heap).</summary>
    VariableLength = 9,
    /// <summary>Fixed-size arrays of a base type.</summary>
    Array = 10,
}

/// <summary>Byte order of a stored element.</summary>
public enum Hdf5ByteOrder
{
    /// <summary>Least significant byte first.</summary>
    LittleEndian,
    /// <summary>Most significant byte first.</summary>
    BigEndian,
    /// <summary>Byte order does not apply (strings, opaque, compound...).</summary>
    NotApplicable,
}

/// <summary>The stored element type of a dataset or attribute.</summary>
/// <param name="Class">The HDF5 datatype class.</param>
/// <param name="Size">Size of one element in bytes.</param>
/// <param name="IsSigned">For integers: whether they are two's-complement signed.</param>
/// <param name="ByteOrder">Byte order of numeric elements.</param>
public sealed record Hdf5DataType(Hdf5TypeClass Class, int Size, bool IsSigned, Hdf5ByteOrder ByteOrder)
{
    /// <summary>A short name such as "int16 (big-endian)" or "float64 (little-endian)".</summary>
    public override string ToString() => Class switch
    {
        Hdf5TypeClass.FixedPoint => $"{(IsSigned ? "int" : "uint")}{Size * 8} ({Order})",
        Hdf5TypeClass.FloatingPoint => $"float{Size * 8} ({Order})",
        _ => $"{Class} of {Size} bytes",
    };

    private string Order => ByteOrder == Hdf5ByteOrder.BigEndian ? "big-endian" : "little-endian";
}
