namespace Tessera.IO.Hdf5;

/// <summary>
/// Datatype message (0x0003), every class and versions 1-3. Kept as a tree because attributes
/// nest types (vlen of references, compound of reference + int, arrays).
/// </summary>
internal sealed partial class DatatypeMessage
{
    public required Hdf5TypeClass Class { get; init; }
    public required int Version { get; init; }
    public required int Size { get; init; }
    public Hdf5ByteOrder ByteOrder { get; init; } = Hdf5ByteOrder.NotApplicable;
    public bool IsSigned { get; init; }
    /// <summary>String padding: 0 NUL-terminated, 1 NUL-padded, 2 space-padded.</summary>
    public int StringPadding { get; init; }
    /// <summary>0 ASCII, 1 UTF-8.</summary>
    public int CharSet { get; init; }
    /// <summary>For variable-length types: true for strings, false for sequences.</summary>
    public bool IsVariableLengthString { get; init; }
    public DatatypeMessage? BaseType { get; init; }
    public IReadOnlyList<CompoundMember> Members { get; init; } = [];
    public IReadOnlyList<long> ArrayDimensions { get; init; } = [];
    /// <summary>For integers and bitfields: the first significant bit (0 unless the type is packed, e.g. for the N-bit filter).</summary>
    public int BitOffset { get; init; }
    /// <summary>For integers and bitfields: how many bits are significant (0 when not recorded: all of them).</summary>
    public int Precision { get; init; }
    /// <summary>For floating point: where sign, exponent and mantissa lie (decodes non-IEEE widths such as float128).</summary>
    public FloatLayout? Float { get; init; }
    /// <summary>For enumerations: each name and its value.</summary>
    public IReadOnlyList<(string Name, long Value)> EnumMembers { get; init; } = [];

    public Hdf5DataType ToPublic() => new(Class, Size, IsSigned, ByteOrder);

    /// <summary>One member of a compound type.</summary>
    internal sealed record CompoundMember(string Name, long Offset, DatatypeMessage Type);

    public static DatatypeMessage Parse(ref ByteCursor c, int depth = 0)
    {
        if (depth > 32)
        {
            throw c.Fail("datatypes are nested more than 32 levels deep.");
        }
        long start = c.FileOffset;
        byte classAndVersion = c.U8();
        int cls = classAndVersion & 0x0F;
        int version = classAndVersion >> 4;
        uint bits = c.U8() | ((uint)c.U8() << 8) | ((uint)c.U8() << 16);
        long size = c.U32();
        if (version is < 1 or > 4)
        {
            throw new Hdf5FormatException(c.Structure, start, $"datatype version {version} is not valid (1 to 4 expected).");
        }
        if (size <= 0 && cls != (int)Hdf5TypeClass.String || size > 1 << 26)
        {
            throw new Hdf5FormatException(c.Structure, start, $"datatype size {size} bytes is not plausible.");
        }
        return cls switch
        {
            0 or 4 => FixedPoint(ref c, cls, version, (int)size, bits),
            1 => FloatingPoint(ref c, version, (int)size, bits),
            2 => new DatatypeMessage { Class = Hdf5TypeClass.Time, Version = version, Size = (int)size, ByteOrder = Order(bits), },
            3 => new DatatypeMessage
            {
                Class = Hdf5TypeClass.String,
                Version = version,
                Size = (int)size,
                StringPadding = (int)(bits & 0x0F),
                CharSet = (int)((bits >> 4) & 0x0F),
            },
            5 => Opaque(ref c, version, (int)size, bits),
            6 => Compound(ref c, version, (int)size, bits, depth),
            7 => new DatatypeMessage { Class = Hdf5TypeClass.Reference, Version = version, Size = (int)size },
            8 => Enumerated(ref c, version, (int)size, bits, depth),
            9 => VariableLength(ref c, version, (int)size, bits, depth),
            10 => ArrayType(ref c, version, (int)size, depth),
            _ => throw new Hdf5FormatException(c.Structure, start, $"datatype class {cls} is not defined by the format (0 to 10)."),
        };
    }

    private static Hdf5ByteOrder Order(uint bits) => (bits & 1) == 0 ? Hdf5ByteOrder.LittleEndian : Hdf5ByteOrder.BigEndian;

    private static DatatypeMessage FixedPoint(ref ByteCursor c, int cls, int version, int size, uint bits)
    {
        int bitOffset = c.U16();
        int precision = c.U16();
        return new DatatypeMessage
        {
            Class = cls == 0 ? Hdf5TypeClass.FixedPoint : Hdf5TypeClass.BitField,
            Version = version,
            Size = size,
            BitOffset = bitOffset,
            Precision = precision,
            ByteOrder = Order(bits),
            IsSigned = cls == 0 && (bits & 0x08) != 0,
        };
    }

    private static DatatypeMessage FloatingPoint(ref ByteCursor c, int version, int size, uint bits)
    {
        if ((bits & 0x40) != 0)
        {
            throw new NotSupportedException(
                $"The datatype at byte offset {c.FileOffset} is a VAX-order float (datatype version {version}; HDF5 1.8 and later write this order for VAX-format data), " +
                "which this reader does not implement; only little- and big-endian floats are. Convert it with h5repack or h5py to an IEEE type.");
        }
        var layout = FloatLayout.Parse(ref c, bits);
        return new DatatypeMessage { Class = Hdf5TypeClass.FloatingPoint, Version = version, Size = size, ByteOrder = Order(bits), IsSigned = true, Float = layout };
    }

    private static DatatypeMessage Opaque(ref ByteCursor c, int version, int size, uint bits)
    {
        c.Skip((int)(bits & 0xFF)); // ASCII tag, already padded to a multiple of 8
        return new DatatypeMessage { Class = Hdf5TypeClass.Opaque, Version = version, Size = size };
    }
}
