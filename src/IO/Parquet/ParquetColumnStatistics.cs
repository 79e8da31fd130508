namespace Tessera.IO.Parquet;

/// <summary>
/// One column chunk's statistics from a row group's footer entry, in the column's value domain:
/// <see cref="long"/> for integers, dates (days) and timestamps (in the column's unit),
/// <see cref="double"/> for floats, <see cref="string"/> for strings, <see cref="bool"/> for booleans.
/// <see cref="Min"/> and <see cref="Max"/> are null when the writer recorded none or their order
/// is not the value order (unsigned integers, decimals), so nothing can be skipped on them.
/// </summary>
/// <param name="Min">The smallest non-null value, or null when unknown.</param>
/// <param name="Max">The largest non-null value, or null when unknown.</param>
/// <param name="NullCount">Null values in the chunk, or -1 when unknown.</param>
/// <param name="Rows">Rows in the row group.</param>
public sealed record ParquetColumnStatistics(object? Min, object? Max, long NullCount, long Rows)
{
    /// <summary>True when <see cref="Min"/> and <see cref="Max"/> are known.</summary>
    public bool HasMinMax => Min is not null && Max is not null;
}
