using Apache.Arrow;
using Tessera.DataFrames.Columns;

namespace Tessera.DataFrames.Indexing;

/// <summary>
/// Sorting one partition's rows: a stable argsort on order keys (ties keep their row order, as
/// pandas' stable sorts do), with secondary keys compared only inside runs of equal primary keys.
/// </summary>
internal static class RowSort
{
    /// <summary>The keys a sort orders by: descending keys are bit-flipped so every sort is ascending; nulls stay last.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static long[] SortKeys(IArrowArray column, bool ascending)
    {
        var keys = OrderKeys.All(column);
        if (!ascending)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = keys[i] == OrderKeys.Missing ? OrderKeys.Missing : ~keys[i];
            }
        }
        return keys;
    }

    /// <summary>The sort key of one row (see <see cref="SortKeys"/>).</summary>
    public static long KeyAt(IArrowArray column, int row, bool ascending)
    {
        var key = OrderKeys.Of(column, row);
        return ascending || key == OrderKeys.Missing ? key : ~key;
    }

    /// <summary>True when the frame's rows are already in order of <paramref name="column"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool IsSorted(IArrowArray column)
    {
        var keys = OrderKeys.All(column);
        for (var i = 1; i < keys.Length; i++)
        {
            if (keys[i] < keys[i - 1])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The frame's rows ordered by <paramref name="columns"/> (the first is the primary key).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static Frame Sort(Frame frame, string[] columns, bool[] ascending)
    {
        var primary = SortKeys(frame.Column(frame.IndexOf(columns[0])), ascending[0]);
        var order = new int[primary.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var sorted = true;
        for (var i = 1; i < primary.Length && sorted; i++)
        {
            sorted = primary[i] >= primary[i - 1];
        }
        if (sorted && columns.Length == 1)
        {
            return frame;
        }
        if (primary.Length >= RadixArgSort.MinimumLength)
        {
            RadixArgSort.Sort(primary, order); // stable: ties are already in row order
            if (columns.Length == 1)
            {
                return ArrowTake.Take(frame, order);
            }
        }
        else
        {
            Array.Sort(primary, order);
        }
        var secondary = columns.Skip(1).Select((c, i) => SecondaryKey(frame.Column(frame.IndexOf(c)), ascending[i + 1])).ToArray();
        Comparison<int> ties = (a, b) =>
        {
            foreach (var compare in secondary)
            {
                var c = compare(a, b);
                if (c != 0)
                {
                    return c;
                }
            }
            return a.CompareTo(b);
        };
        // Array.Sort is not stable: inside each run of equal primary keys, restore row order (or secondary order).
        for (int start = 0, end; start < primary.Length; start = end)
        {
            end = start + 1;
            while (end < primary.Length && primary[end] == primary[start])
            {
                end++;
            }
            if (end - start > 1)
            {
                order.AsSpan(start, end - start).Sort(ties);
            }
        }
        return ArrowTake.Take(frame, order);
    }

    private static Comparison<int> SecondaryKey(IArrowArray column, bool ascending)
    {
        if (column is StringArray strings)
        {
            var sign = ascending ? 1 : -1;
            return (a, b) =>
            {
                var (x, y) = (strings.GetString(a), strings.GetString(b));
                if (x is null || y is null)
                {
                    return x is null ? (y is null ? 0 : 1) : -1;
                }
                return sign * string.CompareOrdinal(x, y);
            };
        }
        OrderKeys.ThrowIfUnsupported(column.Data.DataType, "?", "Sorting");
        var keys = SortKeys(column, ascending);
        return (a, b) => keys[a].CompareTo(keys[b]);
    }
}
