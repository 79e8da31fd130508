using System.Runtime.InteropServices;

namespace Tessera.IO.Hdf5;

/// <summary>Which CLR element types read which stored types, and the converting read for wide floats.</summary>
public sealed partial class Hdf5Dataset
{
    private static (Hdf5TypeClass Class, int Size, bool Signed)? ExpectedStoredType(Type t) =>
        t == typeof(sbyte) ? (Hdf5TypeClass.FixedPoint, 1, true)
        : t == typeof(byte) ? (Hdf5TypeClass.FixedPoint, 1, false)
        : t == typeof(short) ? (Hdf5TypeClass.FixedPoint, 2, true)
        : t == typeof(ushort) ? (Hdf5TypeClass.FixedPoint, 2, false)
        : t == typeof(int) ? (Hdf5TypeClass.FixedPoint, 4, true)
        : t == typeof(uint) ? (Hdf5TypeClass.FixedPoint, 4, false)
        : t == typeof(long) ? (Hdf5TypeClass.FixedPoint, 8, true)
        : t == typeof(ulong) ? (Hdf5TypeClass.FixedPoint, 8, false)
        : t == typeof(Int128) ? (Hdf5TypeClass.FixedPoint, 16, true)
        : t == typeof(UInt128) ? (Hdf5TypeClass.FixedPoint, 16, false)
        : t == typeof(Half) ? (Hdf5TypeClass.FloatingPoint, 2, true)
        : t == typeof(float) ? (Hdf5TypeClass.FloatingPoint, 4, true)
        : t == typeof(double) ? (Hdf5TypeClass.FloatingPoint, 8, true)
        : null;

    /// <summary>The CLR type that reads <paramref name="t"/>, or null when none does.</summary>
    internal static string? ClrNameFor(Hdf5DataType t) => (t.Class, t.Size, t.IsSigned) switch
    {
        (Hdf5TypeClass.FloatingPoint, 2, _) => "Half",
        (Hdf5TypeClass.FloatingPoint, 4, _) => "float",
        // Wider floats (x87 long double, binary128) are rounded to the nearest double.
        (Hdf5TypeClass.FloatingPoint, >= 8 and <= 16, _) => "double",
        (Hdf5TypeClass.FixedPoint or Hdf5TypeClass.Enumerated or Hdf5TypeClass.BitField, var size, var signed) => (size, signed) switch
        {
            (1, true) => "sbyte",
            (1, false) => "byte",
            (2, true) => "short",
            (2, false) => "ushort",
            (4, true) => "int",
            (4, false) => "uint",
            (8, true) => "long",
            (8, false) => "ulong",
            (16, true) => "Int128",
            (16, false) => "UInt128",
            _ => null,
        },
        _ => null,
    };

    /// <summary>The CLR type that reads this dataset, or null when none does; unlike <see cref="ClrNameFor"/> it sees float layouts.</summary>
    internal string? ClrName => _type.Class == Hdf5TypeClass.FloatingPoint && !StoredFloatIsIeee
        ? (_type.Size <= 16 ? "double" : null)
        : ClrNameFor(ElementType);

    // A float of IEEE width but another layout (bfloat16, say) must not read as Half/float/double bits.
    private bool StoredFloatIsIeee => _type.Float is not { } layout || layout.IsIeee(_type.Size);

    private string ClrTypeAdvice(Hdf5DataType stored) => ClrName is { } name
        ? $"Call Read<{name}>() instead."
        : $"No CLR element type reads {stored}: Read<T> reads integers (1, 2, 4, 8 or 16 bytes), bitfields, enums and floats. " +
          "Convert the dataset to one of those (e.g. with h5py: numpy's astype) or read its stored bytes with ReadChunkRaw.";

    /// <summary>
    /// Floats wider than 8 bytes (h5py's float128, which is an x87 80-bit long double, or IEEE
    /// binary128) and floats of unusual layout read into double, rounded to the nearest value.
    /// </summary>
    private bool ReadsByConversion<T>() => typeof(T) == typeof(double) && _type.Class == Hdf5TypeClass.FloatingPoint
        && _type.Float is { } layout && !layout.IsIeee(_type.Size) && _type.Size <= 16;

    private void ReadConverted<T>(Hyperslab selection, ArraySegment<T> destination) where T : unmanaged
    {
        var layout = _type.Float!;
        int size = _type.Size;
        var raw = new byte[checked(destination.Count * size)];
        HyperslabReader.Read(_source, size, selection, new ArraySegment<byte>(raw), _shape);
        var output = MemoryMarshal.Cast<T, double>(destination.AsSpan());
        Span<byte> element = stackalloc byte[16];
        for (int i = 0; i < output.Length; i++)
        {
            var stored = raw.AsSpan(i * size, size);
            stored.CopyTo(element);
            if (_type.ByteOrder == Hdf5ByteOrder.BigEndian)
            {
                element[..size].Reverse();
            }
            output[i] = layout.ToDouble(element[..size]);
        }
    }

    /// <summary>
    /// Integers whose type uses fewer bits than it occupies (precision below 8 x size, or a bit
    /// offset) read as HDF5 converts them: the significant bits shifted down, sign-extended for
    /// signed types, the padding bits dropped.
    /// </summary>
    private void ExtractSignificantBits(Span<byte> values)
    {
        var integer = _type.Class == Hdf5TypeClass.Enumerated ? _type.BaseType : _type;
        if (integer is null || integer.Class is not (Hdf5TypeClass.FixedPoint or Hdf5TypeClass.BitField) || integer.Size > 8
            || integer.Precision is 0 || (integer.BitOffset == 0 && integer.Precision >= integer.Size * 8))
        {
            return;
        }
        int size = integer.Size;
        int precision = Math.Min(integer.Precision, 64 - integer.BitOffset);
        int shift = 64 - precision;
        for (int i = 0; i + size <= values.Length; i += size)
        {
            var element = values.Slice(i, size);
            ulong v = 0;
            for (int k = size - 1; k >= 0; k--)
            {
                v = (v << 8) | element[k];
            }
            v = (v >> integer.BitOffset) << shift;
            v = integer.IsSigned ? (ulong)((long)v >> shift) : v >> shift;
            for (int k = 0; k < size; k++)
            {
                element[k] = (byte)(v >> (8 * k));
            }
        }
    }
}
