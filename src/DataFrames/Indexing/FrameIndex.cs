using Apache.Arrow.Types;

namespace Tessera.DataFrames.Indexing;

/// <summary>
/// A frame's index: the column that orders its rows (kept as an ordinary column, first in every
/// partition) and, when known, its divisions as order keys (<see cref="OrderKeys"/>): partition i
/// holds the keys in [Divisions[i], Divisions[i + 1]), the last partition also its upper bound, as
/// in dask. Null divisions mean the index is sorted within each partition only.
/// </summary>
internal sealed record FrameIndex(string Column, IArrowType Type, long[]? Divisions)
{
    public bool KnownDivisions => Divisions is not null;

    /// <summary>The partitions whose key range can hold keys in [<paramref name="low"/>, <paramref name="high"/>] (all when divisions are unknown).</summary>
    public int[] Overlapping(long low, long high, int partitions)
    {
        if (Divisions is not { } d)
        {
            return [.. Enumerable.Range(0, partitions)];
        }
        var result = new List<int>();
        for (var p = 0; p < partitions; p++)
        {
            // A partition whose upper division is the final one also holds that value (trailing empty partitions share it).
            var last = d[p + 1] == d[partitions];
            var upperOk = last ? low <= d[p + 1] : low < d[p + 1];
            if (d[p] <= high && upperOk && (d[p] < d[p + 1] || p == partitions - 1))
            {
                result.Add(p);
            }
        }
        return [.. result];
    }
}
