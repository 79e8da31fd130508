using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.DataFrames.TimeSeries;

/// <summary>Reading a timestamp index in nanoseconds, whatever unit its Arrow type stores.</summary>
internal static class TimeIndex
{
    public static long NanosecondsPerUnit(IArrowType type) => type is TimestampType t
        ? t.Unit switch
        {
            TimeUnit.Nanosecond => 1,
            TimeUnit.Microsecond => 1_000,
            TimeUnit.Millisecond => 1_000_000,
            _ => 1_000_000_000,
        }
        : throw new InvalidOperationException(
            $"This needs a timestamp index; the index is {type.Name}. Call SetIndex on a timestamp column (CsvReadOptions.ParseDates reads one).");

    /// <summary>The index values in nanoseconds since the epoch.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static long[] Nanoseconds(IArrowArray column)
    {
        var result = new long[column.Length];
        Nanoseconds(column, result);
        return result;
    }

    /// <summary>As <see cref="Nanoseconds(IArrowArray)"/>, into <paramref name="result"/> (the column's length).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Nanoseconds(IArrowArray column, Span<long> result)
    {
        var scale = NanosecondsPerUnit(column.Data.DataType);
        var values = Columns.ArrowColumns.Values<long>(column);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = values[i] * scale;
        }
    }
}
