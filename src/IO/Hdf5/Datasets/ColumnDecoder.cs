using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Tessera.IO.Hdf5;

/// <summary>Splits stored compound records into one typed array per member (see <see cref="Hdf5Columns"/>).</summary>
internal static class ColumnDecoder
{
    public static Hdf5Columns Decode(Hdf5Context ctx, DatatypeMessage compound, byte[] records, long rows, long fileOffset)
    {
        var columns = new List<KeyValuePair<string, Array>>();
        var enums = new Dictionary<string, IReadOnlyDictionary<long, string>>(StringComparer.Ordinal);
        Members(ctx, compound, records, (int)rows, compound.Size, 0, "", columns, enums, fileOffset);
        if (columns.GroupBy(c => c.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new Hdf5FormatException("compound datatype", fileOffset, $"member \"{twice.Key}\" appears {twice.Count()} times; names must be unique.");
        }
        return new Hdf5Columns(columns, rows, enums);
    }

    private static void Members(Hdf5Context ctx, DatatypeMessage compound, byte[] records, int rows, int stride, int baseOffset, string prefix,
        List<KeyValuePair<string, Array>> columns, Dictionary<string, IReadOnlyDictionary<long, string>> enums, long fileOffset)
    {
        foreach (var m in compound.Members)
        {
            var name = prefix + m.Name;
            int offset = baseOffset + (int)m.Offset;
            if (m.Offset < 0 || m.Offset + m.Type.Size > compound.Size)
            {
                throw new Hdf5FormatException("compound datatype", fileOffset,
                    $"member \"{name}\" ({m.Type.Size} bytes at offset {m.Offset}) lies outside the {compound.Size}-byte record.");
            }
            if (m.Type.Class == Hdf5TypeClass.Compound)
            {
                Members(ctx, m.Type, records, rows, stride, offset, name + ".", columns, enums, fileOffset);
                continue;
            }
            if (m.Type.Class == Hdf5TypeClass.Enumerated)
            {
                enums[name] = m.Type.EnumMembers.GroupBy(e => e.Value).ToDictionary(g => g.Key, g => g.First().Name);
            }
            columns.Add(new(name, Column(ctx, m.Type, records, rows, stride, offset, fileOffset)));
        }
    }

    /// <summary>One member's values: fields of its type at <paramref name="offset"/> of each <paramref name="stride"/>-byte record.</summary>
    public static Array Column(Hdf5Context ctx, DatatypeMessage t, byte[] records, int rows, int stride, int offset, long fileOffset)
    {
        if (t.Class == Hdf5TypeClass.Array && t.BaseType is { } element
            && t.ArrayDimensions.Aggregate(1L, (x, y) => x * Math.Max(0, y)) * element.Size != t.Size)
        {
            throw new Hdf5FormatException("array datatype", fileOffset,
                $"{string.Join(" x ", t.ArrayDimensions)} elements of {element.Size} bytes do not make the declared {t.Size} bytes.");
        }
        switch (t.Class)
        {
            case Hdf5TypeClass.FixedPoint or Hdf5TypeClass.FloatingPoint or Hdf5TypeClass.Enumerated when ClrType(t) is { } clr:
                return Numbers(clr, t, records, rows, stride, offset, []);
            case Hdf5TypeClass.Array when t.BaseType is { } b && ClrType(b) is { } clr:
                return Numbers(clr, b, records, rows, stride, offset, t.ArrayDimensions);
            case Hdf5TypeClass.Array when t.BaseType is { Class: Hdf5TypeClass.String } s:
                {
                    int n = (int)t.ArrayDimensions.Aggregate(1L, (x, y) => x * y);
                    var strings = new string[rows, n];
                    for (int r = 0; r < rows; r++)
                    {
                        for (int i = 0; i < n; i++)
                        {
                            strings[r, i] = FixedString(records.AsSpan(r * stride + offset + i * s.Size, s.Size), s.StringPadding);
                        }
                    }
                    return strings;
                }
            case Hdf5TypeClass.String:
                {
                    var strings = new string[rows];
                    for (int r = 0; r < rows; r++)
                    {
                        strings[r] = FixedString(records.AsSpan(r * stride + offset, t.Size), t.StringPadding);
                    }
                    return strings;
                }
            case Hdf5TypeClass.VariableLength when t.IsVariableLengthString:
                {
                    var strings = new string[rows];
                    for (int r = 0; r < rows; r++)
                    {
                        strings[r] = VariableString(ctx, t, records.AsSpan(r * stride + offset, t.Size), fileOffset);
                    }
                    return strings;
                }
            case Hdf5TypeClass.Reference when t.Size == ctx.OffsetSize:
                {
                    var references = new Hdf5ObjectReference[rows];
                    for (int r = 0; r < rows; r++)
                    {
                        references[r] = new((long)ValueDecoder.ReadUnsigned(records.AsSpan(r * stride + offset, t.Size), Hdf5ByteOrder.LittleEndian));
                    }
                    return references;
                }
            default:
                {
                    // Opaque, bit fields, sequences: the stored bytes of each row.
                    var raw = new byte[rows, t.Size];
                    var flat = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(raw), raw.Length);
                    Gather(records, rows, stride, offset, t.Size, flat);
                    return raw;
                }
        }
    }

    private static Array Numbers(Type clr, DatatypeMessage element, byte[] records, int rows, int stride, int offset, IReadOnlyList<long> dims)
    {
        int perRow = (int)dims.Aggregate(1L, (x, y) => x * y);
        int[] lengths = [rows, .. dims.Select(d => (int)d)];
        var array = Array.CreateInstance(clr, lengths);
        var bytes = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), rows * perRow * element.Size);
        Gather(records, rows, stride, offset, perRow * element.Size, bytes);
        if (element.ByteOrder == Hdf5ByteOrder.BigEndian == BitConverter.IsLittleEndian)
        {
            Swap(bytes, element.Size);
        }
        return array;
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
