using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;

namespace Tessera.DataFrames.Hashing;

/// <summary>
/// Encodes the key columns of a row as bytes that are equal exactly when the keys are equal: per
/// column a flag byte (0 null, 1 value) then the value (8 or 4 bytes for numbers, with -0.0 as 0.0
/// and every NaN as null, one byte for bools, length and UTF-8 bytes for strings). Decoding gives
/// the key columns of a result back.
/// </summary>
internal sealed class RowKeys
{
    private readonly IArrowArray[] _columns;
    private readonly Kind[] _kinds;
    private byte[] _scratch = new byte[256];

    public RowKeys(IArrowArray[] columns)
    {
        _columns = columns;
        _kinds = [.. columns.Select(c => c switch
        {
            StringArray => Kind.String,
            DoubleArray => Kind.Double,
            FloatArray => Kind.Float,
            BooleanArray => Kind.Boolean,
            _ when c.Data.DataType is Int32Type or Date32Type => Kind.Int32,
            _ => Kind.Int64,
        })];
    }

    private enum Kind
    {
        String,
        Double,
        Float,
        Boolean,
        Int32,
        Int64,
    }

    /// <summary>The key bytes of <paramref name="row"/> (valid until the next call); <paramref name="hasNull"/> when some key is null.</summary>
    // Arrow's element accessors are not precompiled and cost a call each; the hot path reads the
    // buffers directly (offsets, data, validity bits), once per column per row.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Encode(int row, out bool hasNull)
    {
        hasNull = false;
        var at = 0;
        for (var c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c];
            Ensure(at + 9);
            var valid = column.NullCount == 0 || Valid(column, row);
            if (!valid)
            {
                _scratch[at++] = 0;
                hasNull = true;
                continue;
            }
            var buffers = column.Data.Buffers;
            var index = column.Offset + row;
            switch (_kinds[c])
            {
                case Kind.String:
                    var offsets = MemoryMarshal.Cast<byte, int>(buffers[1].Span);
                    var start = offsets[index];
                    var bytes = buffers[2].Span.Slice(start, offsets[index + 1] - start);
                    Ensure(at + 5 + bytes.Length);
                    _scratch[at++] = 1;
                    BinaryPrimitives.WriteInt32LittleEndian(_scratch.AsSpan(at), bytes.Length);
                    bytes.CopyTo(_scratch.AsSpan(at + 4));
                    at += 4 + bytes.Length;
                    break;
                case Kind.Double:
                    var x = MemoryMarshal.Cast<byte, double>(buffers[1].Span)[index];
                    if (double.IsNaN(x))
                    {
                        _scratch[at++] = 0;
                        hasNull = true;
                        break;
                    }
                    _scratch[at++] = 1;
                    BinaryPrimitives.WriteDoubleLittleEndian(_scratch.AsSpan(at), x == 0 ? 0.0 : x);
                    at += 8;
                    break;
                case Kind.Float:
                    var y = MemoryMarshal.Cast<byte, float>(buffers[1].Span)[index];
                    if (float.IsNaN(y))
                    {
                        _scratch[at++] = 0;
                        hasNull = true;
                        break;
                    }
                    _scratch[at++] = 1;
                    BinaryPrimitives.WriteSingleLittleEndian(_scratch.AsSpan(at), y == 0 ? 0f : y);
                    at += 4;
                    break;
                case Kind.Boolean:
                    _scratch[at++] = 1;
                    _scratch[at++] = (byte)((buffers[1].Span[index >> 3] >> (index & 7)) & 1);
                    break;
                case Kind.Int32:
                    _scratch[at++] = 1;
                    BinaryPrimitives.WriteInt32LittleEndian(_scratch.AsSpan(at), MemoryMarshal.Cast<byte, int>(buffers[1].Span)[index]);
                    at += 4;
                    break;
                default:
                    _scratch[at++] = 1;
                    BinaryPrimitives.WriteInt64LittleEndian(_scratch.AsSpan(at), MemoryMarshal.Cast<byte, long>(buffers[1].Span)[index]);
                    at += 8;
                    break;
            }
        }
        return _scratch.AsSpan(0, at);
    }

    /// <summary>The key of a row whose only key column is the string of UTF-8 <paramref name="bytes"/>.</summary>
    public static byte[] EncodeString(ReadOnlySpan<byte> bytes)
    {
        var key = new byte[bytes.Length + 5];
        key[0] = 1;
        BinaryPrimitives.WriteInt32LittleEndian(key.AsSpan(1), bytes.Length);
        bytes.CopyTo(key.AsSpan(5));
        return key;
    }

    private static bool Valid(IArrowArray column, int row)
    {
        var index = column.Offset + row;
        return (column.Data.Buffers[0].Span[index >> 3] & (1 << (index & 7))) != 0;
    }

    /// <summary>The values of key column <paramref name="column"/> decoded from the keys <paramref name="ids"/> of <paramref name="table"/>, in order.</summary>
    public static IArrowArray Decode(IReadOnlyList<IArrowType> types, int column, KeyTable table, IReadOnlyList<int> ids)
    {
        var values = new object?[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            values[i] = DecodeValue(types, column, table.Key(ids[i]));
        }
        return ArrowValues.Build(types[column], values);
    }

    /// <summary>The value of key column <paramref name="column"/> in <paramref name="key"/>.</summary>
    public static object? DecodeValue(IReadOnlyList<IArrowType> types, int column, ReadOnlySpan<byte> key)
    {
        var at = 0;
        for (var c = 0; ; c++)
        {
            var valid = key[at++] == 1;
            object? value = null;
            var type = types[c];
            if (valid)
            {
                switch (type.TypeId)
                {
                    case ArrowTypeId.String:
                        var length = BinaryPrimitives.ReadInt32LittleEndian(key[at..]);
                        value = c == column ? Encoding.UTF8.GetString(key.Slice(at + 4, length)) : null;
                        at += 4 + length;
                        break;
                    case ArrowTypeId.Double:
                        value = BinaryPrimitives.ReadDoubleLittleEndian(key[at..]);
                        at += 8;
                        break;
                    case ArrowTypeId.Float:
                        value = BinaryPrimitives.ReadSingleLittleEndian(key[at..]);
                        at += 4;
                        break;
                    case ArrowTypeId.Boolean:
                        value = key[at++] == 1;
                        break;
                    case ArrowTypeId.Int32 or ArrowTypeId.Date32:
                        value = BinaryPrimitives.ReadInt32LittleEndian(key[at..]);
                        at += 4;
                        break;
                    default:
                        value = BinaryPrimitives.ReadInt64LittleEndian(key[at..]);
                        at += 8;
                        break;
                }
            }
            if (c == column)
            {
                return value;
            }
        }
    }

    private void Ensure(int length)
    {
        if (length > _scratch.Length)
        {
            Array.Resize(ref _scratch, Math.Max(length, _scratch.Length * 2));
        }
    }
}
