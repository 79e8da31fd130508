using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.DataFrames.Columns;

/// <summary>Arrow arrays from boxed .NET values (group keys, first/last values, describe rows): small outputs only.</summary>
internal static class ArrowValues
{
    /// <summary>An array of <paramref name="type"/> holding <paramref name="values"/> (null entries null). Timestamps and dates hold their raw integer.</summary>
    public static IArrowArray Build(IArrowType type, IReadOnlyList<object?> values)
    {
        switch (type.TypeId)
        {
            case ArrowTypeId.String:
                return ArrowColumns.Strings([.. values.Select(v => (string?)v)]);
            case ArrowTypeId.Boolean:
                var flags = values.Select(v => v is true).ToArray();
                var (bits, nulls) = Validity(values);
                return ArrowColumns.Booleans(flags, bits, nulls);
            case ArrowTypeId.Double:
                return Fixed(type, values, v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture));
            case ArrowTypeId.Float:
                return Fixed(type, values, v => Convert.ToSingle(v, System.Globalization.CultureInfo.InvariantCulture));
            case ArrowTypeId.Int32 or ArrowTypeId.Date32:
                return Fixed(type, values, v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture));
            default:
                return Fixed(type, values, v => v is DateTime d ? (d.Ticks - DateTime.UnixEpoch.Ticks) * 100 : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static IArrowArray Fixed<T>(IArrowType type, IReadOnlyList<object?> values, Func<object, T> convert) where T : unmanaged
    {
        var data = new T[values.Count];
        for (var i = 0; i < data.Length; i++)
        {
            if (values[i] is { } v)
            {
                data[i] = convert(v);
            }
        }
        var (bits, nulls) = Validity(values);
        return ArrowColumns.Wrap(type, data, data.Length, bits, nulls);
    }

    private static (byte[]? Bits, int Nulls) Validity(IReadOnlyList<object?> values)
    {
        var nulls = values.Count(v => v is null);
        if (nulls == 0)
        {
            return (null, 0);
        }
        var bits = new byte[(values.Count + 7) / 8];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not null)
            {
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
        return (bits, nulls);
    }

    /// <summary>Compares two key values of one type (nulls last), as pandas sorts group keys.</summary>
    public static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        (string x, string y) => string.CompareOrdinal(x, y),
        (IComparable x, _) => x.CompareTo(b),
        _ => 0,
    };
}
