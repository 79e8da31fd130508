using Apache.Arrow.Types;

namespace Tessera.DataFrames.Expressions;

/// <summary>
/// A DateTime literal in a date or timestamp column's integer unit: one rule for the kernels'
/// comparisons and for Parquet's row-group pruning, so both agree on which rows a filter keeps.
/// </summary>
internal static class DateTimeLiterals
{
    /// <summary><paramref name="when"/> as a value of <paramref name="columnType"/> (an unspecified kind is taken as wall time, as pandas does).</summary>
    public static long ToColumnUnit(DateTime when, IArrowType columnType)
    {
        var ticks = when.Kind == DateTimeKind.Unspecified
            ? when.Ticks - DateTime.UnixEpoch.Ticks
            : when.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks;
        return columnType switch
        {
            TimestampType { Unit: TimeUnit.Nanosecond } => ticks * 100,
            TimestampType { Unit: TimeUnit.Microsecond } => ticks / 10,
            TimestampType { Unit: TimeUnit.Millisecond } => ticks / TimeSpan.TicksPerMillisecond,
            TimestampType => ticks / TimeSpan.TicksPerSecond,
            Date32Type => ticks / TimeSpan.TicksPerDay,
            _ => throw new ArgumentException($"A DateTime can be compared only with a date or timestamp column, not {columnType.Name}."),
        };
    }
}
