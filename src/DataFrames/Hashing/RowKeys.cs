using System.Buffers.Binary;
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
    private byte[] _scratch = new byte[256];

    public RowKeys(IArrowArray[] columns) => _columns = columns;

    /// <summary>The key bytes of <paramref name="row"/> (valid until the next call); <paramref name="hasNull"/> when some key is null.</summary>
    public ReadOnlySpan<byte> Encode(int row, out bool hasNull)
    {
        hasNull = false;
        var at = 0;
        foreach (var column in _columns)
        {
            Ensure(at + 9);
            var valid = column.NullCount == 0 || column.IsValid(row);
            switch (column)
            {
                case StringArray s:
                    if (!valid)
                    {
                        _scratch[at++] = 0;
                        hasNull = true;
                        break;
                    }
                    var bytes = s.GetBytes(row);
                    Ensure(at + 5 + bytes.Length);
                    _scratch[at++] = 1;
                    BinaryPrimitives.WriteInt32LittleEndian(_scratch.AsSpan(at), bytes.Length);
                    bytes.CopyTo(_scratch.AsSpan(at + 4));
                    at += 4 + bytes.Length;
                    break;
                case DoubleArray d:
                    var x = d.Values[row];
                    if (!valid || double.IsNaN(x))
                    {
                        _scratch[at++] = 0;
                        hasNull = true;
                        break;
                    }
                    _scratch[at++] = 1;
                    BinaryPrimitives.WriteDoubleLittleEndian(_scratch.AsSpan(at), x == 0 ? 0.0 : x);
                    at += 8;
                    break;
                case FloatArray f:
                    var y = f.Values[row];
                    if (!valid || float.IsNaN(y))
                    {
                        _scratch[at++] = 0;
                        hasNull = true;
                        break;
                    }
                    _scratch[at++] = 1;
                    BinaryPrimitives.WriteSingleLittleEndian(_scratch.AsSpan(at), y == 0 ? 0f : y);
                    at += 4;
                    break;
                case BooleanArray b:
                    _scratch[at++] = valid ? (byte)1 : (byte)0;
                    hasNull |= !valid;
                    if (valid)
                    {
                        _scratch[at++] = b.GetValue(row) == true ? (byte)1 : (byte)0;
                    }
                    break;
                default:
                    _scratch[at++] = valid ? (byte)1 : (byte)0;
                    hasNull |= !valid;
                    if (valid)
                    {
                        if (column.Data.DataType is Int32Type or Date32Type)
                        {
                            BinaryPrimitives.WriteInt32LittleEndian(_scratch.AsSpan(at), ArrowColumns.Values<int>(column)[row]);
                            at += 4;
                        }
                        else
                        {
                            BinaryPrimitives.WriteInt64LittleEndian(_scratch.AsSpan(at), ArrowColumns.Values<long>(column)[row]);
                            at += 8;
                        }
                    }
                    break;
            }
        }
        return _scratch.AsSpan(0, at);
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
