namespace Tessera.IO.Hdf5.Writing;

/// <summary>
/// Datatype messages, version 1, little-endian: the IEEE floats and integers the writer
/// stores, and the string types attributes use.
/// </summary>
internal static class DatatypeEncoding
{
    private const int Version = 1;

    /// <summary>The datatype message for the element type <paramref name="type"/>.</summary>
    public static byte[] For(Type type) => type switch
    {
        _ when type == typeof(float) => Float(4, signBit: 31, exponentBits: 8, mantissaBits: 23, bias: 127),
        _ when type == typeof(double) => Float(8, signBit: 63, exponentBits: 11, mantissaBits: 52, bias: 1023),
        _ when type == typeof(Half) => Float(2, signBit: 15, exponentBits: 5, mantissaBits: 10, bias: 15),
        _ when type == typeof(sbyte) => Integer(1, signed: true),
        _ when type == typeof(byte) => Integer(1, signed: false),
        _ when type == typeof(short) => Integer(2, signed: true),
        _ when type == typeof(ushort) => Integer(2, signed: false),
        _ when type == typeof(int) => Integer(4, signed: true),
        _ when type == typeof(uint) => Integer(4, signed: false),
        _ when type == typeof(long) => Integer(8, signed: true),
        _ when type == typeof(ulong) => Integer(8, signed: false),
        _ => throw new NotSupportedException(
            $"HDF5 datasets of {type.Name} cannot be written. Use Half, float, double, or a signed or unsigned integer of 1 to 8 bytes."),
    };

    /// <summary>Fixed-point class (0): byte order little-endian, zero padding, signedness in bit 3.</summary>
    public static byte[] Integer(int size, bool signed)
    {
        var m = new MetadataBuffer();
        m.U8((Version << 4) | 0).U8(signed ? 0x08 : 0).U8(0).U8(0).U32(size);
        m.U16(0).U16(size * 8); // bit offset, bit precision
        return m.ToArray();
    }

    /// <summary>Floating-point class (1): implied leading mantissa bit (normalisation 2), sign position in byte 1.</summary>
    private static byte[] Float(int size, int signBit, int exponentBits, int mantissaBits, int bias)
    {
        var m = new MetadataBuffer();
        m.U8((Version << 4) | 1).U8(0x20).U8(signBit).U8(0).U32(size);
        m.U16(0).U16(size * 8);                 // bit offset, precision
        m.U8(mantissaBits).U8(exponentBits);    // exponent location, exponent size
        m.U8(0).U8(mantissaBits);               // mantissa location, mantissa size
        m.U32(bias);
        return m.ToArray();
    }

    /// <summary>Fixed-length string class (3), NUL-terminated ASCII.</summary>
    public static byte[] FixedAscii(int length) => FixedString(length, utf8: false, padding: 0);

    /// <summary>Fixed-length string class (3): padding 0 NUL-terminated, 1 NUL-padded, 2 space-padded; ASCII or UTF-8.</summary>
    public static byte[] FixedString(int length, bool utf8, int padding)
    {
        var m = new MetadataBuffer();
        m.U8((Version << 4) | 3).U8(padding | (utf8 ? 0x10 : 0)).U8(0).U8(0).U32(length);
        return m.ToArray();
    }

    /// <summary>
    /// Compound class (6), version 2 (version 1 cannot hold array-class members): each member's
    /// name NUL-padded to a multiple of 8 bytes counted from the name's start, its 4-byte byte
    /// offset, then its type.
    /// </summary>
    public static byte[] Compound(int size, IReadOnlyList<(string Name, int Offset, byte[] Type)> members)
    {
        var m = new MetadataBuffer();
        m.U8((2 << 4) | 6).U8(members.Count & 0xFF).U8(members.Count >> 8).U8(0).U32(size);
        foreach (var (name, offset, type) in members)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(name);
            m.Bytes(bytes).Zeros(8 - (bytes.Length % 8));
            m.U32(offset).Bytes(type);
        }
        return m.ToArray();
    }

    /// <summary>Array class (10), version 2 (the earliest that has it): rank, reserved, dims, permutation, base type.</summary>
    public static byte[] ArrayOf(byte[] baseType, int baseSize, IReadOnlyList<int> dims)
    {
        var m = new MetadataBuffer();
        int count = dims.Aggregate(1, (a, b) => a * b);
        m.U8((2 << 4) | 10).U8(0).U8(0).U8(0).U32(baseSize * count);
        m.U8(dims.Count).Zeros(3);
        foreach (var d in dims)
        {
            m.U32(d);
        }
        for (int i = 0; i < dims.Count; i++)
        {
            m.U32(i);
        }
        m.Bytes(baseType);
        return m.ToArray();
    }

    /// <summary>
    /// Variable-length UTF-8 string class (9): what h5py reads back as str. Its base type is a
    /// 1-byte unsigned integer; each element is length(4) + global heap collection(8) + index(4).
    /// </summary>
    public static byte[] VariableUtf8()
    {
        var m = new MetadataBuffer();
        m.U8((Version << 4) | 9).U8(0x01).U8(0x01).U8(0).U32(16); // kind string, padding 0, charset UTF-8
        m.Bytes(Integer(1, signed: false));
        return m.ToArray();
    }

    /// <summary>Reference class (7), object references: an 8-byte object header address.</summary>
    public static byte[] ObjectReference() =>
        new MetadataBuffer().U8((Version << 4) | 7).U8(0).U8(0).U8(0).U32(8).ToArray();

    /// <summary>
    /// Variable-length sequence (class 9, kind 0) of object references: what the dimension scale
    /// API stores in DIMENSION_LIST. Each element is count(4) + global heap collection(8) + index(4).
    /// </summary>
    public static byte[] ReferenceSequence()
    {
        var m = new MetadataBuffer();
        m.U8((Version << 4) | 9).U8(0).U8(0).U8(0).U32(16);
        m.Bytes(ObjectReference());
        return m.ToArray();
    }

    /// <summary>The REFERENCE_LIST compound of the dimension scale API: {dataset: object reference, dimension: int32}.</summary>
    public static byte[] ReferenceListEntry() =>
        Compound(12, [("dataset", 0, ObjectReference()), ("dimension", 8, Integer(4, signed: true))]);
}
