using System.Reflection;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.DataFrames.Columns;

/// <summary>Builds an Arrow column from one property of a list of objects.</summary>
internal static class RecordColumns
{
    public static IArrowArray Build<T>(PropertyInfo property, T[] rows)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var values = rows.Select(r => r is null ? null : property.GetValue(r)).ToArray();
        if (type == typeof(string))
        {
            return ArrowColumns.Strings([.. values.Cast<string?>()]);
        }
        if (type == typeof(bool))
        {
            var builder = new BooleanArray.Builder();
            foreach (var v in values)
            {
                if (v is bool b) { builder.Append(b); } else { builder.AppendNull(); }
            }
            return builder.Build();
        }
        return type switch
        {
            _ when type == typeof(long) => Fixed<long>(Int64Type.Default, values, v => (long)v),
            _ when type == typeof(int) => Fixed<int>(Int32Type.Default, values, v => (int)v),
            _ when type == typeof(double) => Fixed<double>(DoubleType.Default, values, v => (double)v),
            _ when type == typeof(float) => Fixed<float>(FloatType.Default, values, v => (float)v),
            _ when type == typeof(DateTime) => Fixed<long>(new TimestampType(TimeUnit.Nanosecond, (string?)null), values,
                v => (((DateTime)v).Ticks - DateTime.UnixEpoch.Ticks) * 100),
            _ => throw new NotSupportedException(
                $"Property {property.Name} is a {property.PropertyType.Name}; columns are made of long, int, double, float, bool, string and DateTime properties."),
        };
    }

    private static IArrowArray Fixed<T>(IArrowType type, object?[] values, Func<object, T> convert) where T : unmanaged
    {
        var data = new T[values.Length];
        byte[]? validity = null;
        var nulls = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v)
            {
                data[i] = convert(v);
            }
            else
            {
                if (validity is null)
                {
                    validity = new byte[(values.Length + 7) / 8];
                    validity.AsSpan().Fill(0xFF);
                }
                validity[i >> 3] &= (byte)~(1 << (i & 7));
                nulls++;
            }
        }
        return ArrowColumns.Wrap(type, data, data.Length, validity, nulls);
    }
}
