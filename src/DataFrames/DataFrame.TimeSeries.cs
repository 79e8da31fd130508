using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Lazy;
using Tessera.DataFrames.TimeSeries;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

public sealed partial class DataFrame
{
    /// <summary>
    /// Every column but the index moved down <paramref name="periods"/> rows along the whole frame
    /// (up for a negative count), nulls filling the gap, as pandas' shift. Each partition borrows
    /// the rows it needs from its neighbour's end (or start), however short the partitions are.
    /// </summary>
    public DataFrame Shift(int periods = 1)
    {
        var index = RequireIndex("Shift");
        var n = Math.Abs(periods);
        var backward = periods < 0;
        var empty = Frame.Empty(Schema);
        var columns = Columns.Where(c => c != index.Column).ToArray();
        return new DataFrame(new ScanNode(TaskKeys.Name("shift", Node.Name, periods), Schema, Node, empty,
            (_, carry, frame) => backward ? Overlap.Head((Frame)carry, frame, n) : Overlap.Tail((Frame)carry, frame, n),
            (_, frame, carry) =>
            {
                var borrowed = (Frame)carry;
                var joined = backward ? Frame.Concat([frame, borrowed]) : Frame.Concat([borrowed, frame]);
                var rows = new int[frame.RowCount];
                for (var r = 0; r < rows.Length; r++)
                {
                    var from = backward ? r + n : borrowed.RowCount + r - n;
                    rows[r] = from < 0 || from >= joined.RowCount ? -1 : from;
                }
                var result = frame;
                foreach (var column in columns)
                {
                    result = result.Assign(column, ArrowTake.Take(joined.Column(joined.IndexOf(column)), rows));
                }
                return result;
            }, backward), Index);
    }

    /// <summary>
    /// The difference of each numeric column with its value <paramref name="periods"/> rows earlier
    /// (later for a negative count), as pandas' diff: float64 columns, null where there is no
    /// earlier row. Other columns are dropped; the index is kept.
    /// </summary>
    public DataFrame Diff(int periods = 1)
    {
        var index = RequireIndex("Diff");
        var numeric = Overlap.NumericColumns(Schema, index.Column);
        var shifted = this[numeric].Shift(periods);
        var schema = new Schema([Schema.GetFieldByName(index.Column), .. numeric.Select(c => new Field(c, DoubleType.Default, true))], null);
        var node = new MapNode("diff", TaskKeys.Name("diff", Node.Name, periods), schema, [this[numeric].Node, shifted.Node], (_, _, frames) =>
            Overlap.WithIndex(frames[0], index.Column, numeric.Select(c =>
            {
                var now = ArrowColumns.ToDoubles(frames[0].Column(frames[0].IndexOf(c)));
                var before = ArrowColumns.ToDoubles(frames[1].Column(frames[1].IndexOf(c)));
                for (var i = 0; i < now.Length; i++)
                {
                    now[i] -= before[i];
                }
                return (c, Overlap.Doubles(now));
            })));
        return new DataFrame(node, Index);
    }

    /// <summary>
    /// Moving windows of <paramref name="window"/> rows (pandas' rolling(n)): a row's window is it
    /// and the rows before it; by default a window needs all its rows to give a value.
    /// </summary>
    public Rolling Rolling(int window, int? minPeriods = null)
    {
        RequireIndex("Rolling");
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        return new Rolling(this, window, 0, minPeriods);
    }

    /// <summary>
    /// Moving windows of a time span on a timestamp index (pandas' rolling("1min")): a row at t has
    /// the rows in (t - span, t]; by default one value is enough.
    /// </summary>
    public Rolling Rolling(TimeSpan window, int? minPeriods = null)
    {
        var index = RequireIndex("Rolling");
        TimeIndex.NanosecondsPerUnit(index.Type);
        if (window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "A rolling time window must be positive, e.g. TimeSpan.FromMinutes(1).");
        }
        return new Rolling(this, 0, window.Ticks * 100, minPeriods);
    }

    /// <summary>
    /// Time bins of <paramref name="rule"/> ("1h", "30min", "10s", "1D", or calendar: "W", "M", "MS", "Q", "QS", "A", "AS") on a timestamp index, as
    /// pandas' resample (see <see cref="Resampler"/>); then Mean(), Sum(), Agg(...).
    /// </summary>
    public Resampler Resample(string rule)
    {
        var index = RequireIndex("Resample");
        TimeIndex.NanosecondsPerUnit(index.Type);
        return new Resampler(this, rule);
    }

    /// <summary>The running sum of each numeric column down the whole frame (nulls skipped and kept null), as pandas' cumsum.</summary>
    public DataFrame CumSum() => Cumulative("cumsum", (total, value) => total + value, 0.0);

    /// <summary>The running maximum of each numeric column down the whole frame (nulls skipped and kept null), as pandas' cummax.</summary>
    public DataFrame CumMax() => Cumulative("cummax", Math.Max, double.NegativeInfinity);

    /// <summary>
    /// A cumulative aggregation: each partition's totals are carried to the next in a chain of
    /// small tasks, and every partition then adds what came before it. Integer columns stay integers.
    /// </summary>
    private DataFrame Cumulative(string kind, Func<double, double, double> combine, double identity)
    {
        var index = RequireIndex(kind == "cumsum" ? "CumSum" : "CumMax");
        var numeric = Overlap.NumericColumns(Schema, index.Column);
        var schema = new Schema([Schema.GetFieldByName(index.Column), .. numeric.Select(c => Schema.GetFieldByName(c))], null);
        object Totals(object carry, Frame frame)
        {
            var totals = (double[])((double[])carry).Clone();
            for (var c = 0; c < numeric.Length; c++)
            {
                var values = ArrowColumns.ToDoubles(frame.Column(frame.IndexOf(numeric[c])));
                foreach (var v in values)
                {
                    if (!double.IsNaN(v))
                    {
                        totals[c] = combine(totals[c], v);
                    }
                }
            }
            return totals;
        }
        var initial = Enumerable.Repeat(identity, numeric.Length).ToArray();
        return new DataFrame(new ScanNode(TaskKeys.Name(kind, Node.Name), schema, Node, initial, (_, carry, frame) => Totals(carry, frame),
            (_, frame, carry) =>
            {
                var totals = (double[])carry;
                return Overlap.WithIndex(frame, index.Column, numeric.Select((name, c) =>
                {
                    var column = frame.Column(frame.IndexOf(name));
                    var values = ArrowColumns.ToDoubles(column);
                    var running = totals[c];
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (!double.IsNaN(values[i]))
                        {
                            running = combine(running, values[i]);
                            values[i] = running;
                        }
                    }
                    return (name, Typed(values, column.Data.DataType));
                }));
            }), Index);
    }

    /// <summary>Doubles back in the column's own type (nulls where NaN).</summary>
    private static IArrowArray Typed(double[] values, IArrowType type)
    {
        var doubles = Overlap.Doubles(values);
        if (type.TypeId is not (ArrowTypeId.Int64 or ArrowTypeId.Int32))
        {
            return type.TypeId == ArrowTypeId.Float ? ArrowColumns.Wrap(FloatType.Default, [.. values.Select(v => (float)v)], values.Length,
                doubles.NullCount > 0 ? doubles.Data.Buffers[0].Span.ToArray() : null, doubles.NullCount) : doubles;
        }
        var validity = doubles.NullCount > 0 ? doubles.Data.Buffers[0].Span.ToArray() : null;
        return type.TypeId == ArrowTypeId.Int64
            ? ArrowColumns.Wrap(Int64Type.Default, [.. values.Select(v => double.IsNaN(v) ? 0L : (long)v)], values.Length, validity, doubles.NullCount)
            : ArrowColumns.Wrap(Int32Type.Default, [.. values.Select(v => double.IsNaN(v) ? 0 : (int)v)], values.Length, validity, doubles.NullCount);
    }
}
