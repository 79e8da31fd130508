namespace Tessera.DataFrames;

/// <summary>
/// Label-based row selection on a frame's index (pandas' and dask's <c>.loc</c>): one value, or an
/// inclusive range. With known divisions only the partitions whose range can hold the labels get
/// tasks; the others are never read. Keys are numbers or DateTimes (or date strings) as the index holds.
/// </summary>
public sealed class LocIndexer
{
    private readonly DataFrame _frame;

    internal LocIndexer(DataFrame frame) => _frame = frame;

    /// <summary>The rows whose index equals <paramref name="key"/>.</summary>
    public DataFrame this[object key] => _frame.LocRange(key, key);

    /// <summary>The rows whose index lies in [<paramref name="start"/>, <paramref name="end"/>], both ends included as in pandas; a null end is open.</summary>
    public DataFrame this[object? start, object? end] => _frame.LocRange(start, end);
}
