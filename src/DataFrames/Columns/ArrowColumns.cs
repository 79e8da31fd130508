using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.DataFrames.Columns;

/// <summary>Building and reading Arrow arrays: wrapping managed arrays, validity bitmaps, element access.</summary>
internal static class ArrowColumns
{
    /// <summary>An Arrow array of <paramref name="type"/> over <paramref name="values"/> (not copied).</summary>
    public static IArrowArray Wrap<T>(IArrowType type, T[] values, int length, byte[]? validity = null, int nullCount = 0)
        where T : unmanaged
    {
        var buffer = new ArrowBuffer(new ArrayMemory<T>(values, length).Memory);
        var bitmap = validity is null || nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity);
        return ArrowArrayFactory.BuildArray(new ArrayData(type, length, nullCount, 0, [bitmap, buffer]));
    }

    /// <summary>A boolean Arrow array from one byte per value.</summary>
    public static BooleanArray Booleans(ReadOnlySpan<bool> values, byte[]? validity = null, int nullCount = 0)
    {
        var bits = new byte[(values.Length + 7) / 8];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                bits[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
        return new BooleanArray(new ArrowBuffer(bits), validity is null || nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity),
            values.Length, nullCount, 0);
    }

    /// <summary>A string Arrow array from .NET strings (null entries are null).</summary>
    public static StringArray Strings(IReadOnlyList<string?> values)
    {
        var builder = new StringArray.Builder();
        foreach (var value in values)
        {
            if (value is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(value);
            }
        }
        return builder.Build();
    }

    /// <summary>True when element <paramref name="i"/> is not null.</summary>
    public static bool IsValid(IArrowArray array, int i) => array.NullCount == 0 || array.IsValid(i);

    /// <summary>The values of a fixed-width array as a span (nulls hold unspecified values).</summary>
    public static ReadOnlySpan<T> Values<T>(IArrowArray array) where T : unmanaged =>
        MemoryMarshal.Cast<byte, T>(array.Data.Buffers[1].Span).Slice(array.Offset, array.Length);

    /// <summary>A bitmap of <paramref name="length"/> bits, all valid except where <paramref name="arrays"/> are null; null when none are.</summary>
    public static byte[]? CombinedValidity(IReadOnlyList<IArrowArray> arrays, int length, out int nullCount)
    {
        nullCount = 0;
        byte[]? bitmap = null;
        foreach (var array in arrays)
        {
            if (array.NullCount == 0)
            {
                continue;
            }
            if (bitmap is null)
            {
                bitmap = new byte[(length + 7) / 8];
                bitmap.AsSpan().Fill(0xFF);
            }
            for (var i = 0; i < length; i++)
            {
                if (!array.IsValid(i))
                {
                    bitmap[i >> 3] &= (byte)~(1 << (i & 7));
                }
            }
        }
        if (bitmap is not null)
        {
            for (var i = 0; i < length; i++)
            {
                if ((bitmap[i >> 3] & (1 << (i & 7))) == 0)
                {
                    nullCount++;
                }
            }
        }
        return bitmap;
    }

    /// <summary>Element <paramref name="i"/> as a .NET value: long, int, double, float, bool, string, DateTime, or null.</summary>
    public static object? GetValue(IArrowArray array, int i)
    {
        if (!IsValid(array, i))
        {
            return null;
        }
        return array switch
        {
            Int64Array a => a.Values[i],
            Int32Array a => a.Values[i],
            DoubleArray a => a.Values[i],
            FloatArray a => a.Values[i],
            BooleanArray a => a.GetValue(i),
            StringArray a => a.GetString(i),
            TimestampArray a => DateTime.UnixEpoch.AddTicks(TimestampTicks((TimestampType)a.Data.DataType, a.Values[i])),
            Date32Array a => DateTime.UnixEpoch.AddDays(a.Values[i]),
            _ => throw new NotSupportedException($"Columns of type {array.Data.DataType.Name} are not supported."),
        };
    }

    /// <summary>.NET ticks (100 ns) of a timestamp value in <paramref name="type"/>'s unit.</summary>
    public static long TimestampTicks(TimestampType type, long value) => type.Unit switch
    {
        TimeUnit.Nanosecond => value / 100,
        TimeUnit.Microsecond => value * 10,
        TimeUnit.Millisecond => value * TimeSpan.TicksPerMillisecond,
        _ => value * TimeSpan.TicksPerSecond,
    };

    /// <summary>The array's values as doubles (nulls as NaN): reductions of any numeric column.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double[] ToDoubles(IArrowArray array)
    {
        var result = new double[array.Length];
        ToDoubles(array, result);
        return result;
    }

    /// <summary>As <see cref="ToDoubles(IArrowArray)"/>, into <paramref name="result"/> (the array's length), e.g. pooled scratch.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void ToDoubles(IArrowArray array, Span<double> result)
    {
        switch (array)
        {
            case DoubleArray: Values<double>(array).CopyTo(result); break;
            case FloatArray: Convert(Values<float>(array), result); break;
            case Int64Array or TimestampArray: Convert(Values<long>(array), result); break;
            case Int32Array or Date32Array: Convert(Values<int>(array), result); break;
            case BooleanArray b:
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = b.GetValue(i) == true ? 1 : 0;
                }
                break;
            default:
                throw new NotSupportedException(
                    $"This needs a numeric column; the column is {array.Data.DataType.Name}. Select numeric columns first.");
        }
        if (array.NullCount > 0)
        {
            for (var i = 0; i < result.Length; i++)
            {
                if (!array.IsValid(i))
                {
                    result[i] = double.NaN;
                }
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Convert<T>(ReadOnlySpan<T> source, Span<double> destination) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = double.CreateTruncating(source[i]);
        }
    }

    /// <summary>True for the numeric (and boolean) types kernels compute on.</summary>
    public static bool IsNumeric(IArrowType type) =>
        type.TypeId is ArrowTypeId.Int64 or ArrowTypeId.Int32 or ArrowTypeId.Double or ArrowTypeId.Float or ArrowTypeId.Boolean;

    /// <summary>The pandas name of a column type ("int64", "float64", "object", "datetime64[ns]").</summary>
    public static string PandasName(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Int64 => "int64",
        ArrowTypeId.Int32 => "int32",
        ArrowTypeId.Double => "float64",
        ArrowTypeId.Float => "float32",
        ArrowTypeId.Boolean => "bool",
        ArrowTypeId.String => "object",
        ArrowTypeId.Timestamp => "datetime64[ns]",
        ArrowTypeId.Date32 => "datetime64[ns]",
        _ => type.Name,
    };
}
