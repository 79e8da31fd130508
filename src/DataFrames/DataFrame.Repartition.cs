using Tessera.DataFrames.Indexing;
using Tessera.DataFrames.Lazy;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>
    /// The rows cut into new partitions at the index values <paramref name="divisions"/> (ascending;
    /// partition j holds [divisions[j], divisions[j + 1]), the last also its upper bound). With known
    /// divisions each new partition reads only the old partitions it overlaps; the new divisions
    /// must cover the old ones so no row is dropped.
    /// </summary>
    public DataFrame Repartition(IReadOnlyList<object> divisions)
    {
        var index = RequireIndex("Repartition(divisions:)");
        ArgumentNullException.ThrowIfNull(divisions);
        var keys = divisions.Select(v => OrderKeys.FromValue(v, index.Type, index.Column)).ToArray();
        if (keys.Length < 2)
        {
            throw new ArgumentException($"Repartition needs at least two divisions (one partition's bounds); {keys.Length} were given.", nameof(divisions));
        }
        for (var i = 1; i < keys.Length; i++)
        {
            if (keys[i] <= keys[i - 1])
            {
                throw new ArgumentException(
                    $"Divisions must increase; division {i} ({divisions[i]}) is not after division {i - 1} ({divisions[i - 1]}).", nameof(divisions));
            }
        }
        if (index.Divisions is { } old && (keys[0] > old[0] || keys[^1] < old[^1]))
        {
            throw new ArgumentException(
                $"The new divisions span {divisions[0]} to {divisions[^1]}, but the rows span {Divisions[0]} to {Divisions[^1]}; widen the first and last division so no row is dropped.",
                nameof(divisions));
        }
        return RepartitionAt(keys);
    }

    /// <summary>
    /// Partitions of about <paramref name="partitionSize"/> bytes each (dask's partition_size): larger
    /// partitions are cut into equal row ranges, smaller neighbours are joined. Partition sizes are
    /// computed now, as dask does; cuts fall between distinct index values so divisions stay known.
    /// </summary>
    public DataFrame Repartition(long partitionSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionSize, 1);
        var column = Index?.Column;
        var sizes = EagerPerPartition(frame =>
        {
            var pieces = (int)Math.Clamp((EstimatedBytes(frame) + partitionSize - 1) / partitionSize, 1, Math.Max(1, frame.RowCount));
            var cuts = new List<(int Row, long Key)>();
            var keys = column is null ? null : frame.Column(frame.IndexOf(column));
            for (var k = 1; k < pieces; k++)
            {
                var row = (int)((long)k * frame.RowCount / pieces);
                // Never cut between equal index values: a division must separate distinct keys.
                while (keys is not null && row < frame.RowCount && OrderKeys.Of(keys, row) == OrderKeys.Of(keys, row - 1))
                {
                    row++;
                }
                if (row < frame.RowCount && (cuts.Count == 0 || row > cuts[^1].Row))
                {
                    cuts.Add((row, keys is null ? 0 : OrderKeys.Of(keys, row)));
                }
            }
            return (Rows: frame.RowCount, Bytes: EstimatedBytes(frame), Cuts: cuts.ToArray());
        }, null);
        // Pieces: (partition, first row, rows, bytes, lower key when it starts a cut).
        var pieces = new List<(int Partition, int Start, int Rows, long Bytes, long? Key)>();
        for (var p = 0; p < sizes.Length; p++)
        {
            var (rows, bytes, cuts) = sizes[p];
            var starts = new[] { 0 }.Concat(cuts.Select(c => c.Row)).ToArray();
            for (var i = 0; i < starts.Length; i++)
            {
                var end = i + 1 < starts.Length ? starts[i + 1] : rows;
                var share = rows == 0 ? bytes : bytes * (end - starts[i]) / rows;
                pieces.Add((p, starts[i], end - starts[i], share, i == 0 ? null : cuts[i - 1].Key));
            }
        }
        var groups = new List<List<int>> { new() };
        long filled = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            if (groups[^1].Count > 0 && filled + pieces[i].Bytes > partitionSize)
            {
                groups.Add([]);
                filled = 0;
            }
            groups[^1].Add(i);
            filled += pieces[i].Bytes;
        }
        var sources = groups.Select(g => g.Select(i => pieces[i].Partition).Distinct().Select(p => (0, p)).ToArray()).ToArray();
        var node = new GatherNode(TaskKeys.Name("repartition-size", Node.Name, partitionSize), Schema, [Node], sources, (j, frames) =>
        {
            var group = groups[j];
            var first = pieces[group[0]].Partition;
            return Frame.Concat([.. group.Select(i => frames[pieces[i].Partition - first].Slice(pieces[i].Start, pieces[i].Rows))]);
        }, "repartition");
        long[]? divisions = null;
        if (Index?.Divisions is { } d)
        {
            divisions = [.. groups.Select(g => pieces[g[0]].Key ?? d[pieces[g[0]].Partition]), d[^1]];
        }
        return new DataFrame(node, Index is { } index ? index with { Divisions = divisions } : null);
    }

    /// <summary>The bytes a partition's rows take (a slice shares its parent's buffers, so <see cref="Frame.ByteSize"/> would count the parent).</summary>
    private static long EstimatedBytes(Frame frame)
    {
        long total = 0;
        for (var c = 0; c < frame.ColumnCount; c++)
        {
            var column = frame.Column(c);
            total += column switch
            {
                Apache.Arrow.StringArray s => s.ValueOffsets[^1] - s.ValueOffsets[0] + 4L * (s.Length + 1),
                Apache.Arrow.BooleanArray b => (b.Length + 7) / 8,
                _ => (long)column.Length * (((Apache.Arrow.Types.FixedWidthType)column.Data.DataType).BitWidth / 8),
            };
        }
        return total;
    }

    /// <summary>Cuts at <paramref name="keys"/> (ascending order keys); new partitions outside the old range are empty.</summary>
    internal DataFrame RepartitionAt(long[] keys)
    {
        var index = RequireIndex("Repartition");
        var column = index.Column;
        var count = keys.Length - 1;
        var sources = new (int, int)[count][];
        for (var j = 0; j < count; j++)
        {
            var parts = index.Overlapping(keys[j], j == count - 1 ? keys[j + 1] : keys[j + 1] - 1, NPartitions);
            sources[j] = parts.Length == 0 ? [(0, 0)] : [.. parts.Select(p => (0, p))];
        }
        var node = new GatherNode(TaskKeys.Name("repartition", Node.Name, string.Join(",", keys)), Schema, [Node], sources, (j, frames) =>
        {
            var pieces = frames.Select(frame =>
            {
                var values = frame.Column(frame.IndexOf(column));
                var from = OrderKeys.LowerBound(values, keys[j]);
                var to = j == count - 1 ? OrderKeys.UpperBound(values, keys[j + 1]) : OrderKeys.LowerBound(values, keys[j + 1]);
                return frame.Slice(from, Math.Max(0, to - from));
            }).ToArray();
            return Frame.Concat(pieces);
        }, "repartition");
        return new DataFrame(node, index with { Divisions = keys });
    }
}
