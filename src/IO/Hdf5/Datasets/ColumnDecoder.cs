using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Tessera.IO.Hdf5;

/// <summary>Splits stored compound records into one typed array per member (see <see cref="Hdf5Columns"/>).</summary>
internal static class ColumnDecoder
{
    public static Hdf5Columns Decode(Hdf5Context ctx, DatatypeMessage compound, byte[] records, long rows, long fileOffset)
    {
        var reader = new ColumnReader(ctx, compound, rows, fileOffset);
        reader.Fill(records, (int)rows, 0);
        return reader.Result();
    }

    /// <summary>One member's values: fields of its type at <paramref name="offset"/> of each <paramref name="stride"/>-byte record.</summary>
    public static Array Column(Hdf5Context ctx, DatatypeMessage t, byte[] records, int rows, int stride, int offset, long fileOffset)
    {
        var column = Allocate(ctx, t, rows, fileOffset);
        Fill(ctx, t, records, rows, stride, offset, fileOffset, column, 0);
        return column;
    }

    /// <summary>The column array for <paramref name="rows"/> values of a member of type <paramref name="t"/>.</summary>
    public static Array Allocate(Hdf5Context ctx, DatatypeMessage t, long rows, long fileOffset)
    {
        if (t.Class == Hdf5TypeClass.Array && t.BaseType is { } element
            && t.ArrayDimensions.Aggregate(1L, (x, y) => x * Math.Max(0, y)) * element.Size != t.Size)
        {
            throw new Hdf5FormatException("array datatype", fileOffset,
                $"{string.Join(" x ", t.ArrayDimensions)} elements of {element.Size} bytes do not make the declared {t.Size} bytes.");
        }
        int n = checked((int)rows);
        return t.Class switch
        {
            Hdf5TypeClass.FixedPoint or Hdf5TypeClass.FloatingPoint or Hdf5TypeClass.Enumerated when ClrType(t) is { } clr => Array.CreateInstance(clr, n),
            Hdf5TypeClass.Array when t.BaseType is { } b && ClrType(b) is { } clr =>
                Array.CreateInstance(clr, [n, .. t.ArrayDimensions.Select(d => (int)d)]),
            Hdf5TypeClass.Array when t.BaseType is { Class: Hdf5TypeClass.String } s => new string[n, t.Size / s.Size],
            Hdf5TypeClass.String => new string[n],
            Hdf5TypeClass.VariableLength when t.IsVariableLengthString => new string[n],
            Hdf5TypeClass.Reference when t.Size == ctx.OffsetSize => new Hdf5ObjectReference[n],
            _ => new byte[n, t.Size], // opaque, bit fields, sequences: the stored bytes of each row
        };
    }

    /// <summary>Fills rows [<paramref name="firstRow"/>, + <paramref name="rows"/>) of <paramref name="column"/> (from <see cref="Allocate"/>) from records.</summary>
    public static void Fill(Hdf5Context ctx, DatatypeMessage t, byte[] records, int rows, int stride, int offset, long fileOffset, Array column, int firstRow)
    {
        switch (column)
        {
            case string[,] strings:
                {
                    var s = t.BaseType!;
                    int n = strings.GetLength(1);
                    for (int r = 0; r < rows; r++)
                    {
                        for (int i = 0; i < n; i++)
                        {
                            strings[firstRow + r, i] = FixedString(records.AsSpan(r * stride + offset + i * s.Size, s.Size), s.StringPadding);
                        }
                    }
                    return;
                }
            case string[] strings when t.Class == Hdf5TypeClass.String:
                for (int r = 0; r < rows; r++)
                {
                    strings[firstRow + r] = FixedString(records.AsSpan(r * stride + offset, t.Size), t.StringPadding);
                }
                return;
            case string[] strings:
                for (int r = 0; r < rows; r++)
                {
                    strings[firstRow + r] = VariableString(ctx, t, records.AsSpan(r * stride + offset, t.Size), fileOffset);
                }
                return;
            case Hdf5ObjectReference[] references:
                for (int r = 0; r < rows; r++)
                {
                    references[firstRow + r] = new((long)ValueDecoder.ReadUnsigned(records.AsSpan(r * stride + offset, t.Size), Hdf5ByteOrder.LittleEndian));
                }
                return;
            default:
                {
                    // Numbers, arrays of numbers, or raw bytes: each row's field is copied as stored, then swapped to this machine's order.
                    var element = t.Class == Hdf5TypeClass.Array && t.BaseType is { } b && ClrType(b) is not null ? b : t;
                    int width = t.Size;
                    var all = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(column), Buffer.ByteLength(column));
                    var bytes = all.Slice(firstRow * width, rows * width);
                    Gather(records, rows, stride, offset, width, bytes);
                    if (column is not byte[,] && element.ByteOrder == Hdf5ByteOrder.BigEndian == BitConverter.IsLittleEndian)
                    {
                        Swap(bytes, element.Size);
                    }
                    return;
                }
        }
    }

    private static void Gather(byte[] records, int rows, int stride, int offset, int width, Span<byte> destination)
    {
        for (int r = 0; r < rows; r++)
        {
            records.AsSpan(r * stride + offset, width).CopyTo(destination.Slice(r * width, width));
        }
    }

    public static void Swap(Span<byte> bytes, int size)
    {
        switch (size)
        {
            case 2:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(bytes), MemoryMarshal.Cast<byte, ushort>(bytes));
                break;
            case 4:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, uint>(bytes), MemoryMarshal.Cast<byte, uint>(bytes));
                break;
            case 8:
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ulong>(bytes), MemoryMarshal.Cast<byte, ulong>(bytes));
                break;
        }
    }

    public static Type? ClrType(DatatypeMessage t) => NumpyDtype.ClrName(t) switch
    {
        "sbyte" => typeof(sbyte),
        "byte" => typeof(byte),
        "short" => typeof(short),
        "ushort" => typeof(ushort),
        "int" => typeof(int),
        "uint" => typeof(uint),
        "long" => typeof(long),
        "ulong" => typeof(ulong),
        "Half" => typeof(Half),
        "float" => typeof(float),
        "double" => typeof(double),
        _ => null,
    };

    /// <summary>NUL-terminated and NUL-padded strings end at the first NUL; space-padded ones lose trailing spaces.</summary>
    public static string FixedString(ReadOnlySpan<byte> b, int padding)
    {
        int nul = b.IndexOf((byte)0);
        if (nul >= 0)
        {
            b = b[..nul];
        }
        var s = Encoding.UTF8.GetString(b);
        return padding == 2 ? s.TrimEnd(' ') : s;
    }

    /// <summary>A variable-length string element: length (4), global heap collection address, object index (4).</summary>
    public static string VariableString(Hdf5Context ctx, DatatypeMessage t, ReadOnlySpan<byte> element, long fileOffset)
    {
        int expected = 4 + ctx.OffsetSize + 4;
        if (element.Length != expected)
        {
            throw new Hdf5FormatException("variable-length string", fileOffset,
                $"elements are {element.Length} bytes; {expected} (length, heap address, index) expected.");
        }
        var c = new ByteCursor(element, fileOffset, "variable-length string", ctx.OffsetSize, ctx.LengthSize);
        long length = c.U32();
        long collection = c.Address();
        int index = (int)c.U32();
        if (length == 0 || !Address.IsDefined(collection))
        {
            return "";
        }
        var bytes = ctx.GlobalHeaps.Get(collection, index);
        if (length > bytes.Length)
        {
            throw new Hdf5FormatException("variable-length string", fileOffset,
                $"declares {length} bytes but its global heap object holds {bytes.Length}.");
        }
        return FixedString(bytes.AsSpan(0, (int)length), t.StringPadding);
    }
}
