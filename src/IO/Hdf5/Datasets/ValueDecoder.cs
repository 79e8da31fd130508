using System.Buffers.Binary;
using System.Text;

namespace Tessera.IO.Hdf5;

/// <summary>Turns attribute and fill-value bytes into CLR values (numbers, strings, arrays).</summary>
internal static class ValueDecoder
{
    public static object? Decode(Hdf5Context ctx, DatatypeMessage type, DataspaceMessage space, byte[] data, long offset)
    {
        if (space.IsNull)
        {
            return null;
        }
        long count = space.ElementCount;
        bool scalar = space.Dimensions.Length == 0;
        switch (type.Class)
        {
            case Hdf5TypeClass.FixedPoint:
            case Hdf5TypeClass.Enumerated when type.BaseType is { Class: Hdf5TypeClass.FixedPoint }:
                {
                    var t = type.Class == Hdf5TypeClass.Enumerated ? type.BaseType! : type;
                    if (t.Size > 8 || t.Size != type.Size)
                    {
                        return data;
                    }
                    if (!t.IsSigned && t.Size == 8)
                    {
                        var u = new ulong[count];
                        for (int i = 0; i < count; i++)
                        {
                            u[i] = ReadUnsigned(data.AsSpan(i * t.Size, t.Size), t.ByteOrder);
                        }
                        return scalar ? u[0] : u;
                    }
                    var l = new long[count];
                    for (int i = 0; i < count; i++)
                    {
                        l[i] = ReadInteger(data.AsSpan(i * t.Size, t.Size), t.ByteOrder, t.IsSigned);
                    }
                    return scalar ? l[0] : l;
                }
            case Hdf5TypeClass.FloatingPoint when type.Size is 2 or 4 or 8:
                {
                    var d = new double[count];
                    for (int i = 0; i < count; i++)
                    {
                        d[i] = ReadFloat(data.AsSpan(i * type.Size, type.Size), type.ByteOrder);
                    }
                    return scalar ? d[0] : d;
                }
            case Hdf5TypeClass.String:
                {
                    var s = new string[count];
                    for (int i = 0; i < count; i++)
                    {
                        s[i] = FixedString(data.AsSpan(i * type.Size, type.Size), type.StringPadding);
                    }
                    return scalar ? s[0] : s;
                }
            case Hdf5TypeClass.VariableLength when type.IsVariableLengthString:
                {
                    int elementSize = 4 + ctx.OffsetSize + 4;
                    if (type.Size != elementSize)
                    {
                        throw new Hdf5FormatException("variable-length string", offset,
                            $"elements are {type.Size} bytes; {elementSize} (length, heap address, index) expected.");
                    }
                    var s = new string[count];
                    for (int i = 0; i < count; i++)
                    {
                        var c = new ByteCursor(data.AsSpan(i * elementSize, elementSize), offset + i * elementSize,
                            "variable-length string", ctx.OffsetSize, ctx.LengthSize);
                        long length = c.U32();
                        long collection = c.Address();
                        int index = (int)c.U32();
                        if (length == 0 || !Address.IsDefined(collection))
                        {
                            s[i] = "";
                            continue;
                        }
                        var bytes = ctx.GlobalHeaps.Get(collection, index);
                        if (length > bytes.Length)
                        {
                            throw new Hdf5FormatException("variable-length string", offset + i * elementSize,
                                $"declares {length} bytes but its global heap object holds {bytes.Length}.");
                        }
                        s[i] = FixedString(bytes.AsSpan(0, (int)length), 1);
                    }
                    return scalar ? s[0] : s;
                }
            default:
                return ReferenceValues.Decode(ctx, type, data, count, scalar, offset) ?? data;
        }
    }

    public static long ReadInteger(ReadOnlySpan<byte> b, Hdf5ByteOrder order, bool signed)
    {
        ulong u = ReadUnsigned(b, order);
        if (signed && b.Length < 8)
        {
            int shift = 64 - 8 * b.Length;
            return (long)(u << shift) >> shift;
        }
        return (long)u;
    }

    public static ulong ReadUnsigned(ReadOnlySpan<byte> b, Hdf5ByteOrder order)
    {
        ulong v = 0;
        if (order == Hdf5ByteOrder.BigEndian)
        {
            foreach (var x in b)
            {
                v = (v << 8) | x;
            }
        }
        else
        {
            for (int i = b.Length - 1; i >= 0; i--)
            {
                v = (v << 8) | b[i];
            }
        }
        return v;
    }

    public static double ReadFloat(ReadOnlySpan<byte> b, Hdf5ByteOrder order)
    {
        bool big = order == Hdf5ByteOrder.BigEndian;
        return b.Length switch
        {
            2 => (double)(big ? BinaryPrimitives.ReadHalfBigEndian(b) : BinaryPrimitives.ReadHalfLittleEndian(b)),
            4 => big ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
            _ => big ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
        };
    }

    private static string FixedString(ReadOnlySpan<byte> b, int padding)
    {
        // NUL-terminated and NUL-padded strings end at the first NUL; space-padded ones lose trailing spaces.
        int nul = b.IndexOf((byte)0);
        if (nul >= 0)
        {
            b = b[..nul];
        }
        var s = Encoding.UTF8.GetString(b);
        return padding == 2 ? s.TrimEnd(' ') : s;
    }
}
