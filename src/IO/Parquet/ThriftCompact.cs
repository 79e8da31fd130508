using System.Buffers.Binary;

namespace Tessera.IO.Parquet;

/// <summary>
/// A generic reader and writer of Thrift's compact protocol, the encoding of Parquet footers: a
/// struct becomes its fields (id, wire type, value) without knowing the schema, so a footer can be
/// read, changed in a few known fields and written back with everything else kept as it was.
/// Used to merge part footers into a <c>_metadata</c> file.
/// </summary>
internal static class ThriftCompact
{
    public const byte True = 1, False = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8, List = 9, Set = 10, Map = 11, Struct = 12;

    /// <summary>One field of a struct.</summary>
    public sealed record Field(short Id, byte Type, object? Value);

    /// <summary>A list or set: its element type and elements.</summary>
    public sealed record ListValue(byte ElementType, List<object?> Items);

    /// <summary>A map: key and value types and entries.</summary>
    public sealed record MapValue(byte KeyType, byte ValueType, List<(object? Key, object? Value)> Entries);

    public static List<Field> ReadStruct(ReadOnlySpan<byte> bytes, ref int at)
    {
        var fields = new List<Field>();
        short last = 0;
        while (true)
        {
            var header = bytes[at++];
            if (header == 0)
            {
                return fields;
            }
            var type = (byte)(header & 0x0F);
            var delta = header >> 4;
            var id = delta == 0 ? (short)ZigZag(ReadVarint(bytes, ref at)) : (short)(last + delta);
            last = id;
            // A struct field's booleans live in the header's type.
            var value = type is True or False ? type == True : ReadValue(bytes, ref at, type);
            fields.Add(new Field(id, type, value));
        }
    }

    public static void WriteStruct(List<byte> output, List<Field> fields)
    {
        short last = 0;
        foreach (var field in fields)
        {
            var type = field.Type is True or False ? ((bool)field.Value! ? True : False) : field.Type;
            var delta = field.Id - last;
            if (delta is > 0 and <= 15)
            {
                output.Add((byte)((delta << 4) | type));
            }
            else
            {
                output.Add(type);
                WriteVarint(output, (ulong)((field.Id << 1) ^ (field.Id >> 15)));
            }
            last = field.Id;
            if (type is not (True or False))
            {
                WriteValue(output, type, field.Value);
            }
        }
        output.Add(0);
    }

    private static object? ReadValue(ReadOnlySpan<byte> bytes, ref int at, byte type)
    {
        switch (type)
        {
            case True or False:
                return bytes[at++] == True; // inside lists a boolean is a byte
            case Byte:
                return bytes[at++];
            case I16 or I32 or I64:
                return ZigZag(ReadVarint(bytes, ref at));
            case Double:
                var d = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(at, 8));
                at += 8;
                return d;
            case Binary:
                var length = checked((int)ReadVarint(bytes, ref at));
                var data = bytes.Slice(at, length).ToArray();
                at += length;
                return data;
            case List or Set:
                var header = bytes[at++];
                var size = header >> 4 == 15 ? checked((int)ReadVarint(bytes, ref at)) : header >> 4;
                var element = (byte)(header & 0x0F);
                var items = new List<object?>(size);
                for (var i = 0; i < size; i++)
                {
                    items.Add(ReadValue(bytes, ref at, element));
                }
                return new ListValue(element, items);
            case Map:
                var count = checked((int)ReadVarint(bytes, ref at));
                if (count == 0)
                {
                    return new MapValue(0, 0, []);
                }
                var types = bytes[at++];
                var entries = new List<(object?, object?)>(count);
                for (var i = 0; i < count; i++)
                {
                    entries.Add((ReadValue(bytes, ref at, (byte)(types >> 4)), ReadValue(bytes, ref at, (byte)(types & 0x0F))));
                }
                return new MapValue((byte)(types >> 4), (byte)(types & 0x0F), entries);
            case Struct:
                return ReadStruct(bytes, ref at);
            default:
                throw new InvalidDataException($"Thrift compact type {type} at byte {at} is not a known type.");
        }
    }

    private static void WriteValue(List<byte> output, byte type, object? value)
    {
        switch (type)
        {
            case True or False:
                output.Add((bool)value! ? True : False);
                break;
            case Byte:
                output.Add((byte)value!);
                break;
            case I16 or I32 or I64:
                var v = (long)value!;
                WriteVarint(output, (ulong)((v << 1) ^ (v >> 63)));
                break;
            case Double:
                Span<byte> eight = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(eight, (double)value!);
                output.AddRange(eight);
                break;
            case Binary:
                var data = (byte[])value!;
                WriteVarint(output, (ulong)data.Length);
                output.AddRange(data);
                break;
            case List or Set:
                var list = (ListValue)value!;
                if (list.Items.Count < 15)
                {
                    output.Add((byte)((list.Items.Count << 4) | list.ElementType));
                }
                else
                {
                    output.Add((byte)(0xF0 | list.ElementType));
                    WriteVarint(output, (ulong)list.Items.Count);
                }
                foreach (var item in list.Items)
                {
                    WriteValue(output, list.ElementType, item);
                }
                break;
            case Map:
                var map = (MapValue)value!;
                WriteVarint(output, (ulong)map.Entries.Count);
                if (map.Entries.Count > 0)
                {
                    output.Add((byte)((map.KeyType << 4) | map.ValueType));
                    foreach (var (key, item) in map.Entries)
                    {
                        WriteValue(output, map.KeyType, key);
                        WriteValue(output, map.ValueType, item);
                    }
                }
                break;
            case Struct:
                WriteStruct(output, (List<Field>)value!);
                break;
            default:
                throw new InvalidDataException($"Thrift compact type {type} cannot be written.");
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = bytes[at++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
        throw new InvalidDataException("A Thrift varint runs past 10 bytes.");
    }

    private static void WriteVarint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }
        output.Add((byte)value);
    }

    private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
