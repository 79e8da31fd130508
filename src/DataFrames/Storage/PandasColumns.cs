using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.IO.Hdf5;

namespace Tessera.DataFrames.Storage;

/// <summary>
/// Arrow columns to and from the arrays pandas' HDF5 formats store. pandas' rules for missing
/// values apply on the way out: an integer column with nulls becomes float64 with NaN (what pandas
/// itself would hold), a null string becomes the table's nan_rep, a null timestamp NaT.
/// </summary>
internal static class PandasColumns
{
    public const string NanRep = "nan";

    /// <summary>The stored array and, where it differs from the array's own type, pandas' dtype name.</summary>
    public static (Array Values, string? Dtype) ToPandas(string name, IArrowArray column)
    {
        var n = column.Length;
        switch (column)
        {
            case DictionaryArray d:
                return ToPandas(name, Decode(d));
            case StringArray s:
                var strings = new string[n];
                for (var i = 0; i < n; i++)
                {
                    strings[i] = s.IsNull(i) ? NanRep : s.GetString(i);
                }
                return (strings, null);
            case BooleanArray b:
                if (b.NullCount > 0)
                {
                    throw new NotSupportedException(
                        $"Boolean column '{name}' has {b.NullCount} nulls; pandas' HDF5 table cannot store a boolean with missing values (pandas would make it an object column). Fill them first: df.Assign(\"{name}\", df[\"{name}\"].FillNull(false)).");
                }
                var flags = new byte[n];
                for (var i = 0; i < n; i++)
                {
                    flags[i] = b.GetValue(i) == true ? (byte)1 : (byte)0;
                }
                return (flags, "bool");
            case TimestampArray t:
                var type = (TimestampType)t.Data.DataType;
                var ns = new long[n];
                for (var i = 0; i < n; i++)
                {
                    ns[i] = t.IsNull(i) ? long.MinValue : ArrowColumns.TimestampTicks(type, t.Values[i]) * 100 + (type.Unit == TimeUnit.Nanosecond ? t.Values[i] % 100 : 0);
                }
                return (ns, "datetime64");
            case Date32Array d32:
                var days = new long[n];
                for (var i = 0; i < n; i++)
                {
                    days[i] = d32.IsNull(i) ? long.MinValue : d32.Values[i] * TimeSpan.TicksPerDay * 100;
                }
                return (days, "datetime64");
            case DoubleArray or FloatArray when column.NullCount == 0:
                return column is DoubleArray dd ? (dd.Values.ToArray(), null) : (((FloatArray)column).Values.ToArray(), null);
            default:
                if (!ArrowColumns.IsNumeric(column.Data.DataType))
                {
                    throw new NotSupportedException($"Column '{name}' is {column.Data.DataType.Name}; pandas' HDF5 table holds numbers, booleans, strings and datetimes.");
                }
                if (column.NullCount > 0 || column is DoubleArray or FloatArray)
                {
                    return (ArrowColumns.ToDoubles(column), null); // nulls as NaN, as pandas holds them
                }
                return (column switch
                {
                    Int64Array a => a.Values.ToArray(),
                    Int32Array a => a.Values.ToArray(),
                    Int16Array a => a.Values.ToArray(),
                    Int8Array a => a.Values.ToArray(),
                    UInt64Array a => a.Values.ToArray(),
                    UInt32Array a => a.Values.ToArray(),
                    UInt16Array a => a.Values.ToArray(),
                    UInt8Array a => (Array)a.Values.ToArray(),
                    _ => throw new NotSupportedException($"Column '{name}' is {column.Data.DataType.Name}, which pandas' HDF5 table does not hold."),
                }, null);
        }
    }

    /// <summary>An Arrow column of a column pandas stored.</summary>
    public static IArrowArray ToArrow(PandasHdfColumn column)
    {
        var values = column.Values;
        var n = values.Length;
        switch (values)
        {
            case long[] ns when column.Dtype.StartsWith("datetime64", StringComparison.Ordinal):
                var (validity, nulls) = Validity(ns, v => v != long.MinValue);
                return ArrowColumns.Wrap(new TimestampType(TimeUnit.Nanosecond, (string?)null), ns, n, validity, nulls);
            case bool[] flags:
                return ArrowColumns.Booleans(flags);
            case string?[] strings:
                return ArrowColumns.Strings(strings);
            case long[] a: return ArrowColumns.Wrap(Int64Type.Default, a, n);
            case int[] a: return ArrowColumns.Wrap(Int32Type.Default, a, n);
            case short[] a: return ArrowColumns.Wrap(Int16Type.Default, a, n);
            case sbyte[] a: return ArrowColumns.Wrap(Int8Type.Default, a, n);
            case ulong[] a: return ArrowColumns.Wrap(UInt64Type.Default, a, n);
            case uint[] a: return ArrowColumns.Wrap(UInt32Type.Default, a, n);
            case ushort[] a: return ArrowColumns.Wrap(UInt16Type.Default, a, n);
            case byte[] a: return ArrowColumns.Wrap(UInt8Type.Default, a, n);
            case double[] a: return ArrowColumns.Wrap(DoubleType.Default, a, n);
            case float[] a: return ArrowColumns.Wrap(FloatType.Default, a, n);
            default:
                throw new NotSupportedException($"Column '{column.Name}' was stored as {values.GetType().Name} ({column.Dtype}), which has no Arrow column here.");
        }
    }

    private static (byte[]? Validity, int Nulls) Validity(long[] values, Func<long, bool> valid)
    {
        var nulls = values.Count(v => !valid(v));
        if (nulls == 0)
        {
            return (null, 0);
        }
        var bits = new byte[(values.Length + 7) / 8];
        for (var i = 0; i < values.Length; i++)
        {
            if (valid(values[i]))
            {
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
        return (bits, nulls);
    }

    /// <summary>A dictionary-encoded string column as plain strings (Tessera's partitions hold plain columns).</summary>
    public static StringArray Decode(DictionaryArray d)
    {
        var dictionary = (StringArray)d.Dictionary;
        var values = new string?[d.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = d.IsNull(i) ? null : dictionary.GetString(Index(d.Indices, i));
        }
        return ArrowColumns.Strings(values);
    }

    private static int Index(IArrowArray indices, int i) => indices switch
    {
        Int32Array a => a.Values[i],
        Int16Array a => a.Values[i],
        Int8Array a => a.Values[i],
        Int64Array a => (int)a.Values[i],
        UInt8Array a => a.Values[i],
        UInt16Array a => a.Values[i],
        UInt32Array a => (int)a.Values[i],
        _ => throw new NotSupportedException($"Dictionary indices of type {indices.Data.DataType.Name} are not supported."),
    };
}
