using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;

namespace Tessera.DataFrames.Indexing;

/// <summary>
/// Index and sort keys as 64-bit integers whose order is the values' order: integers and
/// timestamps as they are, doubles by their IEEE bits with the negative half flipped. One key type
/// lets sampling, divisions, binary searches and argsorts be written once for every column type.
/// </summary>
internal static class OrderKeys
{
    /// <summary>The key given to nulls and NaN: after every value, as pandas sorts them last.</summary>
    public const long Missing = long.MaxValue;

    public static bool Supports(IArrowType type) =>
        type.TypeId is ArrowTypeId.Int64 or ArrowTypeId.Int32 or ArrowTypeId.Double or ArrowTypeId.Float or ArrowTypeId.Timestamp or ArrowTypeId.Date32;

    public static void ThrowIfUnsupported(IArrowType type, string column, string operation)
    {
        if (!Supports(type))
        {
            throw new ArgumentException(
                $"{operation} needs a column of numbers or timestamps; '{column}' is {type.Name}. Index or sort by an int, double or timestamp column.",
                nameof(column));
        }
    }

    public static long FromDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return Missing;
        }
        var bits = BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value);
        return bits >= 0 ? bits : bits ^ long.MaxValue;
    }

    public static double ToDouble(long key) => BitConverter.Int64BitsToDouble(key >= 0 ? key : key ^ long.MaxValue);

    /// <summary>The key of row <paramref name="row"/>.</summary>
    public static long Of(IArrowArray array, int row)
    {
        if (!ArrowColumns.IsValid(array, row))
        {
            return Missing;
        }
        return array switch
        {
            Int64Array a => a.Values[row],
            TimestampArray a => a.Values[row],
            Int32Array a => a.Values[row],
            Date32Array a => a.Values[row],
            DoubleArray a => FromDouble(a.Values[row]),
            FloatArray a => FromDouble(a.Values[row]),
            _ => throw new NotSupportedException($"Columns of type {array.Data.DataType.Name} have no order keys."),
        };
    }

    /// <summary>Every row's key.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static long[] All(IArrowArray array)
    {
        var keys = new long[array.Length];
        switch (array)
        {
            case Int64Array or TimestampArray:
                ArrowColumns.Values<long>(array).CopyTo(keys);
                break;
            case Int32Array or Date32Array:
                var ints = ArrowColumns.Values<int>(array);
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = ints[i];
                }
                break;
            case DoubleArray:
                var doubles = ArrowColumns.Values<double>(array);
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = FromDouble(doubles[i]);
                }
                break;
            case FloatArray:
                var floats = ArrowColumns.Values<float>(array);
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = FromDouble(floats[i]);
                }
                break;
            default:
                throw new NotSupportedException($"Columns of type {array.Data.DataType.Name} have no order keys.");
        }
        if (array.NullCount > 0)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                if (!array.IsValid(i))
                {
                    keys[i] = Missing;
                }
            }
        }
        return keys;
    }

    /// <summary>A key as the value users see: long, int, double, float or DateTime.</summary>
    public static object ToValue(long key, IArrowType type) => type switch
    {
        TimestampType t => DateTime.UnixEpoch.AddTicks(ArrowColumns.TimestampTicks(t, key)),
        Date32Type => DateTime.UnixEpoch.AddDays(key),
        Int32Type => (int)key,
        DoubleType => ToDouble(key),
        FloatType => (float)ToDouble(key),
        _ => key,
    };

    /// <summary>A user's value (a number, a DateTime, or a date string for timestamp indexes) as a key of <paramref name="type"/>.</summary>
    public static long FromValue(object value, IArrowType type, string column)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (type is TimestampType or Date32Type)
        {
            var time = value switch
            {
                DateTime d => d,
                string s when DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
                _ => throw new ArgumentException(
                    $"The index '{column}' holds timestamps; {value} ({value.GetType().Name}) is not one. Pass a DateTime or a date string such as \"2000-01-01 12:00\".",
                    nameof(value)),
            };
            var ticks = time.Ticks - DateTime.UnixEpoch.Ticks;
            return type is Date32Type ? ticks / TimeSpan.TicksPerDay : ((TimestampType)type).Unit switch
            {
                TimeUnit.Nanosecond => ticks * 100,
                TimeUnit.Microsecond => ticks / 10,
                TimeUnit.Millisecond => ticks / TimeSpan.TicksPerMillisecond,
                _ => ticks / TimeSpan.TicksPerSecond,
            };
        }
        return (type.TypeId, value) switch
        {
            (ArrowTypeId.Double or ArrowTypeId.Float, double or float or long or int) => FromDouble(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            (ArrowTypeId.Int64 or ArrowTypeId.Int32, long or int) => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            _ => throw new ArgumentException(
                $"The index '{column}' is {type.Name}; {value} ({value.GetType().Name}) cannot be compared with it. Pass a number of the index's kind.",
                nameof(value)),
        };
    }

    /// <summary>The first row of sorted <paramref name="keys"/> at or after <paramref name="key"/> (lower bound).</summary>
    public static int LowerBound(IArrowArray keys, long key)
    {
        int lo = 0, hi = keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Of(keys, mid) < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>The first row of sorted <paramref name="keys"/> after <paramref name="key"/> (upper bound).</summary>
    public static int UpperBound(IArrowArray keys, long key)
    {
        int lo = 0, hi = keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Of(keys, mid) <= key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
