using Tessera.DataFrames.Indexing;
using Tessera.DataFrames.Lazy;
using Tessera.DataFrames.TimeSeries;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>
    /// A generated example frame like <c>dask.datasets.timeseries</c>: indexed by "timestamp", a row
    /// every <paramref name="frequency"/> from <paramref name="start"/> (included) to
    /// <paramref name="end"/> (excluded), a partition per <paramref name="partitionFrequency"/>
    /// with known divisions, and columns id (int64), name (string), x and y (doubles in [-1, 1)),
    /// seeded by <paramref name="seed"/>. Partitions are generated lazily, each in its own task.
    /// </summary>
    public static DataFrame Timeseries(DateTime start, DateTime end, string frequency = "1s", string partitionFrequency = "1D", int seed = 0)
    {
        if (end <= start)
        {
            throw new ArgumentException($"end ({end:O}) must be after start ({start:O}).", nameof(end));
        }
        var step = Frequency.Nanoseconds(frequency);
        var span = Frequency.Nanoseconds(partitionFrequency);
        var first = (start.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        var stop = (end.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        var total = (stop - first + step - 1) / step;
        // Partition p holds the rows whose time lies in [first + p * span, first + (p + 1) * span).
        var bounds = new List<long>();
        for (var at = first; at < stop; at += span)
        {
            bounds.Add((at - first + step - 1) / step);
        }
        bounds.Add(total);
        var rows = bounds.Distinct().ToArray();
        var partitions = rows.Length - 1;
        var name = TaskKeys.Name("timeseries", first, stop, step, span, seed);
        var node = new GeneratorNode(name, TimeseriesGenerator.Schema, partitions,
            p => TimeseriesGenerator.Partition(first + rows[p] * step, step, (int)(rows[p + 1] - rows[p]), seed, p));
        long[] divisions = [.. rows[..^1].Select(r => first + r * step), first + (total - 1) * step];
        return new DataFrame(node, new FrameIndex("timestamp", TimeseriesGenerator.Schema.GetFieldByIndex(0).DataType, divisions));
    }
}
