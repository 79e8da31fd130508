using System.Buffers;
using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Lazy;
using Tessera.DataFrames.TimeSeries;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

/// <summary>
/// Moving windows along a frame's index (pandas' and dask's rolling): a number of rows, or a time
/// span on a timestamp index (the window of a row at t is (t - span, t]). Every statistic is a
/// float64 column per numeric column, indexed as the frame. Each partition borrows the rows its
/// first windows reach back to from the partitions before it (dask's map_overlap), so results at
/// partition borders equal pandas' on the whole frame.
/// </summary>
public sealed class Rolling
{
    private readonly DataFrame _frame;
    private readonly int _rows;
    private readonly long _span;
    private readonly int _minPeriods;

    internal Rolling(DataFrame frame, int rows, long span, int? minPeriods)
    {
        _frame = frame;
        _rows = rows;
        _span = span;
        // pandas: a row-count window needs a full window by default, a time window one value.
        _minPeriods = minPeriods ?? (span > 0 ? 1 : rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(_minPeriods, 0, nameof(minPeriods));
    }

    /// <summary>The mean of each window.</summary>
    public DataFrame Mean() => Build("mean", (v, s, m, r, f) => WindowKernels.SumOrMean(v, s, m, r, f, mean: true));

    /// <summary>The sum of each window.</summary>
    public DataFrame Sum() => Build("sum", (v, s, m, r, f) => WindowKernels.SumOrMean(v, s, m, r, f, mean: false));

    /// <summary>The smallest value of each window.</summary>
    public DataFrame Min() => Build("min", (v, s, m, r, f) => WindowKernels.Extreme(v, s, m, r, f, max: false));

    /// <summary>The largest value of each window.</summary>
    public DataFrame Max() => Build("max", (v, s, m, r, f) => WindowKernels.Extreme(v, s, m, r, f, max: true));

    /// <summary>The sample standard deviation (ddof 1) of each window.</summary>
    public DataFrame Std() => Build("std", (v, s, m, r, f) => WindowKernels.Variance(v, s, m, r, f, std: true));

    /// <summary>The sample variance (ddof 1) of each window.</summary>
    public DataFrame Var() => Build("var", (v, s, m, r, f) => WindowKernels.Variance(v, s, m, r, f, std: false));

    /// <summary><paramref name="function"/> of each window's values (nulls as NaN), as pandas' apply(raw=True).</summary>
    public DataFrame Apply(Func<ReadOnlySpan<double>, double> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Build("apply", (v, s, m, r, f) => WindowKernels.Apply(v, s, m, r, f, function), function);
    }

    private DataFrame Build(string statistic, WindowKernels.Kernel kernel, object? identity = null)
    {
        var index = _frame.Index!;
        var numeric = Overlap.NumericColumns(_frame.Schema, index.Column);
        var schema = new Schema([_frame.Schema.GetFieldByName(index.Column), .. numeric.Select(c => new Field(c, DoubleType.Default, true))], null);
        var (rows, span, minPeriods, column) = (_rows, _span, _minPeriods, index.Column);
        var source = _frame[numeric].Node;
        var name = TaskKeys.Name("rolling-" + statistic, source.Name, rows, span, minPeriods, identity);
        var empty = Frame.Empty(source.Schema);
        return new DataFrame(new ScanNode(name, schema, source, empty,
            (_, carry, frame) => span > 0 ? TimeTail((Frame)carry, frame, column, span) : Overlap.Tail((Frame)carry, frame, rows - 1),
            (_, frame, carry) => Windows((Frame)carry, frame, column, numeric, rows, span, minPeriods, kernel)), index);
    }

    /// <summary>
    /// One partition's windows: the borrowed rows and the partition's are read into scratch arrays
    /// side by side (not concatenated into a frame), and only the partition's rows get results, so
    /// the result columns are the only arrays a partition allocates. Partitions are large-object
    /// sized; before, eight such arrays a column made rolling mostly garbage collection.
    /// </summary>
    private static Frame Windows(Frame borrowed, Frame frame, string column, string[] numeric, int rows, long span, int minPeriods, WindowKernels.Kernel kernel)
    {
        var from = borrowed.RowCount;
        var total = from + frame.RowCount;
        var startsArray = ArrayPool<int>.Shared.Rent(total);
        var valuesArray = ArrayPool<double>.Shared.Rent(total);
        try
        {
            var starts = startsArray.AsSpan(0, total);
            if (span > 0)
            {
                var timesArray = ArrayPool<long>.Shared.Rent(total);
                var times = timesArray.AsSpan(0, total);
                TimeIndex.Nanoseconds(borrowed.Column(borrowed.IndexOf(column)), times[..from]);
                TimeIndex.Nanoseconds(frame.Column(frame.IndexOf(column)), times[from..]);
                WindowKernels.TimeStarts(times, span, starts);
                ArrayPool<long>.Shared.Return(timesArray);
            }
            else
            {
                WindowKernels.RowStarts(starts, rows);
            }
            var values = valuesArray.AsSpan(0, total);
            var results = new List<(string, IArrowArray)>(numeric.Length);
            foreach (var c in numeric)
            {
                ArrowColumns.ToDoubles(borrowed.Column(borrowed.IndexOf(c)), values[..from]);
                ArrowColumns.ToDoubles(frame.Column(frame.IndexOf(c)), values[from..]);
                var result = new double[frame.RowCount];
                kernel(values, starts, minPeriods, result, from);
                results.Add((c, Overlap.Doubles(result)));
            }
            return Overlap.WithIndex(frame, column, results);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(startsArray);
            ArrayPool<double>.Shared.Return(valuesArray);
        }
    }

    private static bool Covers(Frame partition, string column, long span)
    {
        var times = partition.Column(partition.IndexOf(column));
        var scale = TimeIndex.NanosecondsPerUnit(times.Data.DataType);
        var values = ArrowColumns.Values<long>(times);
        return values[0] * scale <= values[^1] * scale - span;
    }

    /// <summary>The rows a later window can reach: those within the span of the last row seen (later rows are no earlier); found by binary search.</summary>
    private static Frame TimeTail(Frame carried, Frame partition, string column, long span)
    {
        // Usually the partition alone covers the span, and the tail is a slice of it (no copy).
        var joined = partition.RowCount == 0 ? carried : carried.RowCount == 0 || Covers(partition, column, span) ? partition : Frame.Concat([carried, partition]);
        if (joined.RowCount == 0)
        {
            return joined;
        }
        var times = joined.Column(joined.IndexOf(column));
        var scale = TimeIndex.NanosecondsPerUnit(times.Data.DataType);
        var values = ArrowColumns.Values<long>(times);
        var limit = values[^1] * scale - span;
        int lo = 0, hi = values.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] * scale <= limit)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return joined.Slice(lo, joined.RowCount - lo);
    }
}
