using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tessera.IO.Parquet;

/// <summary>
/// Which integer columns to write with DELTA_BINARY_PACKED instead of a dictionary. A column with
/// more distinct values in a row group than a dictionary page holds (about 1 MiB) overflows it, and
/// the writer falls back to plain pages after a dictionary that bought nothing: ids and counters.
/// Their deltas pack into a few bits each: the accounts' id column takes a third of the bytes and
/// reads many times faster (StorageSideBySide.md). Low-cardinality columns keep their dictionary.
/// </summary>
internal static class ParquetIntegerEncodings
{
    /// <summary>The top-level integer columns of <paramref name="batch"/> whose first row group would overflow a dictionary page of <paramref name="dictionaryPageBytes"/>.</summary>
    public static IEnumerable<string> HighCardinality(RecordBatch batch, long rowGroupSize, long dictionaryPageBytes)
    {
        var rows = (int)Math.Min(batch.Length, rowGroupSize);
        for (var c = 0; c < batch.ColumnCount; c++)
        {
            var field = batch.Schema.FieldsList[c];
            // A dot would read as a nested path in the writer's per-column settings.
            if (field.Name.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }
            var capacity = dictionaryPageBytes / Width(field.DataType);
            var overflows = batch.Column(c) switch
            {
                Int64Array longs => MoreDistinctThan(longs.Values[..rows], longs, capacity),
                TimestampArray stamps => MoreDistinctThan(stamps.Values[..rows], stamps, capacity),
                Int32Array ints => MoreDistinctThan(ints.Values[..rows], ints, capacity),
                Date32Array days => MoreDistinctThan(days.Values[..rows], days, capacity),
                _ => false,
            };
            if (overflows)
            {
                yield return field.Name;
            }
        }
    }

    private static long Width(IArrowType type) => type.TypeId is ArrowTypeId.Int32 or ArrowTypeId.Date32 ? 4 : 8;

    private static bool MoreDistinctThan<T>(ReadOnlySpan<T> values, IArrowArray array, long capacity)
        where T : struct
    {
        if (values.Length <= capacity)
        {
            return false;
        }
        var seen = new HashSet<T>((int)Math.Min(capacity + 1, values.Length));
        for (var r = 0; r < values.Length; r++)
        {
            if ((array.NullCount == 0 || array.IsValid(r)) && seen.Add(values[r]) && seen.Count > capacity)
            {
                return true;
            }
        }
        return false;
    }
}
