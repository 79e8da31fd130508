using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;
using Tessera.DataFrames.Grouping;
using Tessera.DataFrames.Indexing;
using Tessera.DataFrames.Lazy;
using Tessera.DataFrames.TimeSeries;
using Tessera.Scheduling;

namespace Tessera.DataFrames;

/// <summary>
/// Time bins on a timestamp index, as pandas' resample with its defaults: for a fixed frequency,
/// bins closed on the left and labelled by their start, aligned to midnight of the first day; for
/// a calendar one (weeks, months, quarters, years), pandas' closed sides and labels (see
/// <see cref="BinRule"/>). Every bin from the first row's to the last row's is present, empty ones
/// included.
/// Each partition aggregates its rows per bin; the bin its last rows fall in may continue in the
/// next partition, so it is carried there as a partial (count, mean, M2, sum, min, max, first,
/// last) and finished where it ends. The result is indexed by bin start, with known divisions
/// when the frame's are known.
/// </summary>
public sealed class Resampler
{
    private readonly DataFrame _frame;
    private readonly BinRule _bins;
    private readonly string _rule;

    internal Resampler(DataFrame frame, string rule)
    {
        _frame = frame;
        _rule = rule;
        var index = frame.Index!;
        var first = index.Divisions is { } d ? d[0] * TimeIndex.NanosecondsPerUnit(index.Type) : (long?)null;
        _bins = BinRule.Parse(rule, first);
    }

    /// <summary>The mean of each numeric column per bin (null for empty bins).</summary>
    public DataFrame Mean() => All("mean");

    /// <summary>The sum of each numeric column per bin (0 for empty bins).</summary>
    public DataFrame Sum() => All("sum");

    /// <summary>The number of non-null values of each numeric column per bin.</summary>
    public DataFrame Count() => All("count");

    /// <summary>The smallest value of each numeric column per bin.</summary>
    public DataFrame Min() => All("min");

    /// <summary>The largest value of each numeric column per bin.</summary>
    public DataFrame Max() => All("max");

    /// <summary>The first non-null value of each numeric column per bin.</summary>
    public DataFrame First() => All("first");

    /// <summary>The last non-null value of each numeric column per bin.</summary>
    public DataFrame Last() => All("last");

    /// <summary>The sample standard deviation (ddof 1) of each numeric column per bin.</summary>
    public DataFrame Std() => All("std");

    /// <summary>The sample variance (ddof 1) of each numeric column per bin.</summary>
    public DataFrame Var() => All("var");

    /// <summary>
    /// Named aggregations per bin (pandas' <c>.agg({"x": "mean", "y": "max"})</c>): mean, sum, count,
    /// min, max, first, last, std or var of a numeric column. A result column is named after its
    /// column, or "column_aggregation" when a column is aggregated twice.
    /// </summary>
    public DataFrame Agg(params (string Column, string Aggregation)[] aggregations)
    {
        if (aggregations.Length == 0)
        {
            throw new ArgumentException("Agg needs at least one (column, aggregation) pair, e.g. (\"x\", \"mean\").", nameof(aggregations));
        }
        var index = _frame.Index!;
        var numeric = Overlap.NumericColumns(_frame.Schema, index.Column);
        var specs = aggregations.Select(a =>
        {
            if (!numeric.Contains(a.Column))
            {
                throw new ArgumentException(
                    $"Resample aggregates numeric columns; '{a.Column}' is not one of them ({string.Join(", ", numeric)}).", nameof(aggregations));
            }
            var kind = AggKinds.Parse(a.Aggregation);
            if (kind is AggKind.NUnique or AggKind.Size)
            {
                throw new ArgumentException($"Resample does not compute '{a.Aggregation}'; use mean, sum, count, min, max, first, last, std or var.", nameof(aggregations));
            }
            var twice = aggregations.Count(b => b.Column == a.Column) > 1;
            return new AggSpec(a.Column, kind, twice ? $"{a.Column}_{a.Aggregation.ToLowerInvariant()}" : a.Column);
        }).ToArray();
        return Build(specs, numeric);
    }

    private DataFrame All(string aggregation)
    {
        var numeric = Overlap.NumericColumns(_frame.Schema, _frame.Index!.Column);
        return Build([.. numeric.Select(c => new AggSpec(c, AggKinds.Parse(aggregation), c))], numeric);
    }

    private DataFrame Build(AggSpec[] specs, string[] numeric)
    {
        var index = _frame.Index!;
        var column = index.Column;
        var bins = _bins;
        var scale = TimeIndex.NanosecondsPerUnit(index.Type);
        var used = specs.Select(s => s.Column).Distinct().ToArray();
        var slots = specs.Select(s => Array.IndexOf(used, s.Column)).ToArray();
        var source = _frame[used].Node;
        var partitions = source.Partitions;
        // Division k becomes the key of the bin it falls in: partition p emits the bins from its division's on.
        long[]? bounds = index.Divisions is { } d ? [.. d.Select(k => bins.KeyOf(k * scale))] : null;

        // Which bins partition p emits, [start, bound), and the merged partials. The carry step needs
        // only the bins from bound on: the rows at or after bound (a bin start), found by binary search.
        (BinTable Bins, long? Start, long Bound) Plan(int p, Carry carry, Frame frame, bool tailOnly)
        {
            var raw = ArrowColumns.Values<long>(frame.Column(frame.IndexOf(column)));
            long? first = carry.Open.Count > 0 ? carry.Open.Labels[0] : raw.Length > 0 ? bins.KeyOf(raw[0] * scale) : null;
            long? last = raw.Length > 0 ? bins.KeyOf(raw[^1] * scale) : carry.Open.Count > 0 ? carry.Open.Labels[^1] : null;
            var start = carry.Next ?? first;
            long bound;
            if (start is null)
            {
                bound = 0;
            }
            else if (p == partitions - 1)
            {
                bound = last is { } l ? bins.Next(l) : start.Value;
            }
            else
            {
                bound = Math.Max(start.Value, bounds?[p + 1] ?? last ?? start.Value);
            }
            var from = tailOnly ? LowerBound(raw, bound, scale) : 0;
            var labels = bins.Keys(raw[from..], scale);
            var tail = from == 0 ? frame : frame.Slice(from, raw.Length - from);
            var values = new double[used.Length][];
            for (var c = 0; c < used.Length; c++)
            {
                values[c] = ArrowColumns.ToDoubles(tail.Column(tail.IndexOf(used[c])));
            }
            var merged = carry.Open.Then(BinTable.Of(labels, values, 0, labels.Length));
            return (merged, start, bound);
        }

        var fields = new List<Field> { new(column, new TimestampType(TimeUnit.Nanosecond, (string?)null), false) };
        fields.AddRange(specs.Select(s => new Field(s.Output, OutputType(s, _frame.Schema.GetFieldByName(s.Column).DataType), true)));
        var schema = new Schema(fields, null);
        var name = TaskKeys.Name("resample", source.Name, _rule, string.Join(",", specs.Select(s => $"{s.Column}:{s.Kind}")));
        var node = new ScanNode(name, schema, source, new Carry(null, new BinTable(used.Length)),
            (p, carry, frame) =>
            {
                var (merged, start, bound) = Plan(p, (Carry)carry, frame, tailOnly: true);
                return new Carry(start is null ? null : bound, merged.From(bound));
            },
            (p, frame, carry) =>
            {
                var (merged, start, bound) = Plan(p, (Carry)carry, frame, tailOnly: false);
                var keys = new List<long>();
                for (var key = start ?? bound; key < bound; key = bins.Next(key))
                {
                    keys.Add(key);
                }
                var count = keys.Count;
                var labels = new long[count];
                var stats = new BinStats[count][];
                var at = 0;
                for (var i = 0; i < count; i++)
                {
                    labels[i] = bins.Label(keys[i]);
                    while (at < merged.Count && merged.Labels[at] < keys[i])
                    {
                        at++;
                    }
                    stats[i] = at < merged.Count && merged.Labels[at] == keys[i] ? merged.Stats[at] : null!;
                }
                var columns = new List<IArrowArray> { ArrowColumns.Wrap(schema.GetFieldByIndex(0).DataType, labels, count) };
                for (var s = 0; s < specs.Length; s++)
                {
                    columns.Add(Output(specs[s], schema.GetFieldByIndex(s + 1).DataType, stats, slots[s]));
                }
                return new Frame(schema, [.. columns], count);
            });
        return new DataFrame(node, new FrameIndex(column, schema.GetFieldByIndex(0).DataType, bounds is null ? null : [.. bounds.Select(bins.Label)]));
    }

    /// <summary>The first row whose time (in the column's unit, times <paramref name="scale"/> ns) is at least <paramref name="ns"/>.</summary>
    private static int LowerBound(ReadOnlySpan<long> times, long ns, long scale)
    {
        int lo = 0, hi = times.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (times[mid] * scale < ns)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private static IArrowType OutputType(AggSpec spec, IArrowType type) => spec.Kind switch
    {
        AggKind.Count => Int64Type.Default,
        AggKind.Sum when type.TypeId is ArrowTypeId.Int64 or ArrowTypeId.Int32 => Int64Type.Default,
        _ => DoubleType.Default,
    };

    private static IArrowArray Output(AggSpec spec, IArrowType type, BinStats[][] stats, int slot)
    {
        if (type.TypeId == ArrowTypeId.Int64)
        {
            var longs = new long[stats.Length];
            for (var i = 0; i < longs.Length; i++)
            {
                var s = stats[i]?[slot] ?? BinStats.Empty;
                longs[i] = spec.Kind == AggKind.Count ? s.Count : (long)s.Sum;
            }
            return ArrowColumns.Wrap(Int64Type.Default, longs, longs.Length);
        }
        var values = new double[stats.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var s = stats[i]?[slot] ?? BinStats.Empty;
            values[i] = spec.Kind switch
            {
                AggKind.Sum => s.Sum,
                AggKind.Mean => s.Count > 0 ? s.Mean : double.NaN,
                AggKind.Min => s.Count > 0 ? s.Min : double.NaN,
                AggKind.Max => s.Count > 0 ? s.Max : double.NaN,
                AggKind.First => s.First,
                AggKind.Last => s.Last,
                AggKind.Var => s.Count > 1 ? s.M2 / (s.Count - 1) : double.NaN,
                _ => s.Count > 1 ? Math.Sqrt(s.M2 / (s.Count - 1)) : double.NaN,
            };
        }
        return Overlap.Doubles(values);
    }

    /// <summary>What a partition hands the next: the first label it has not emitted (null before any row), and the bin still open.</summary>
    private sealed record Carry(long? Next, BinTable Open);
}
