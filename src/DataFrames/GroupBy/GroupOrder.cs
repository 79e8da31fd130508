using System.Buffers.Binary;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Hashing;

namespace Tessera.DataFrames.Grouping;

/// <summary>
/// The order of a group-by's groups: by their keys, as pandas sorts them, null keys last. One key
/// column (the common case) is sorted as typed values (longs, doubles, or UTF-8 bytes, whose byte
/// order is code point order, as Python compares str), so a million groups cost no boxed compare;
/// several keys fall back to comparing decoded values column by column.
/// </summary>
internal static class GroupOrder
{
    /// <summary>Group ids ordered by their keys, nulls last; ties (only null keys) in id order.</summary>
    public static int[] Sorted(KeyTable table, IArrowType[] keyTypes) =>
        keyTypes.Length == 1 && OneKey(table, keyTypes[0]) is { } order ? order : Boxed(table, keyTypes);

    private static int[]? OneKey(KeyTable table, IArrowType type)
    {
        // Every key is a flag byte (1 for a value) then the value, as RowKeys encodes it.
        var valued = new List<int>(table.Count);
        var nulls = new List<int>();
        for (var g = 0; g < table.Count; g++)
        {
            (table.Key(g)[0] == 1 ? valued : nulls).Add(g);
        }
        var ids = valued.ToArray();
        switch (type.TypeId)
        {
            case ArrowTypeId.String:
                // Key(g) is flag, int32 length, bytes: the bytes compare from position 5.
                Array.Sort(ids, (a, b) => table.Key(a)[5..].SequenceCompareTo(table.Key(b)[5..]));
                break;
            case ArrowTypeId.Double or ArrowTypeId.Float:
                var reals = new double[ids.Length];
                for (var i = 0; i < ids.Length; i++)
                {
                    var key = table.Key(ids[i])[1..];
                    reals[i] = type.TypeId == ArrowTypeId.Double ? BinaryPrimitives.ReadDoubleLittleEndian(key) : BinaryPrimitives.ReadSingleLittleEndian(key);
                }
                Array.Sort(reals, ids);
                break;
            case ArrowTypeId.Boolean or ArrowTypeId.Int32 or ArrowTypeId.Date32 or ArrowTypeId.Int64 or ArrowTypeId.Timestamp:
                var integers = new long[ids.Length];
                for (var i = 0; i < ids.Length; i++)
                {
                    var key = table.Key(ids[i])[1..];
                    integers[i] = type.TypeId switch
                    {
                        ArrowTypeId.Boolean => key[0],
                        ArrowTypeId.Int32 or ArrowTypeId.Date32 => BinaryPrimitives.ReadInt32LittleEndian(key),
                        _ => BinaryPrimitives.ReadInt64LittleEndian(key),
                    };
                }
                Array.Sort(integers, ids);
                break;
            default:
                return null;
        }
        return [.. ids, .. nulls];
    }

    private static int[] Boxed(KeyTable table, IArrowType[] keyTypes)
    {
        var values = Enumerable.Range(0, table.Count)
            .Select(g => Enumerable.Range(0, keyTypes.Length).Select(k => RowKeys.DecodeValue(keyTypes, k, table.Key(g))).ToArray())
            .ToArray();
        var order = Enumerable.Range(0, table.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            for (var k = 0; k < keyTypes.Length; k++)
            {
                var c = ArrowValues.Compare(values[a][k], values[b][k]);
                if (c != 0)
                {
                    return c;
                }
            }
            return a.CompareTo(b);
        });
        return order;
    }
}
