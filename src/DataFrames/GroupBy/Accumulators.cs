using Apache.Arrow;
using Apache.Arrow.Types;
using Tessera.DataFrames.Columns;

namespace Tessera.DataFrames.Grouping;

/// <summary>
/// Per-group running state of one aggregate: <see cref="Add"/> folds a partition's rows in (given
/// each row's group id, -1 for rows whose key is null), <see cref="Merge"/> folds another
/// partial's groups in through an id map (the tree combine), <see cref="Build"/> writes the
/// groups' results in the requested order. Nulls are skipped, as pandas skips NaN.
/// </summary>
internal abstract class Accumulator
{
    public abstract void Add(ReadOnlySpan<int> ids, int groups, IArrowArray? values);

    public abstract void Merge(Accumulator other, ReadOnlySpan<int> map, int groups);

    public abstract IArrowArray Build(IReadOnlyList<int> order);

    public static Accumulator Create(AggKind kind, IArrowType type)
    {
        var integer = type.TypeId is ArrowTypeId.Int64 or ArrowTypeId.Int32 or ArrowTypeId.Boolean;
        var temporal = type.TypeId is ArrowTypeId.Timestamp or ArrowTypeId.Date32;
        if (AggKinds.Numeric(kind) && !ArrowColumns.IsNumeric(type) && !(temporal && kind is AggKind.Min or AggKind.Max))
        {
            throw new ArgumentException($"{kind} needs a numeric column; this one is {type.Name}. Select numeric columns, or use Count, First, Last or NUnique.");
        }
        return kind switch
        {
            AggKind.Count => new CountAccumulator(countNulls: false),
            AggKind.Size => new CountAccumulator(countNulls: true),
            AggKind.Sum => new MomentAccumulator(MomentAccumulator.Output.Sum, integer),
            AggKind.Mean => new MomentAccumulator(MomentAccumulator.Output.Mean, integer),
            AggKind.Var => new MomentAccumulator(MomentAccumulator.Output.Var, integer),
            AggKind.Std => new MomentAccumulator(MomentAccumulator.Output.Std, integer),
            AggKind.Min => new ExtremeAccumulator(max: false, type),
            AggKind.Max => new ExtremeAccumulator(max: true, type),
            AggKind.First => new PickAccumulator(last: false, type),
            AggKind.Last => new PickAccumulator(last: true, type),
            _ => new DistinctAccumulator(),
        };
    }

    protected static T[] Grow<T>(T[] array, int groups, T fill = default!)
    {
        if (array.Length >= groups)
        {
            return array;
        }
        var old = array.Length;
        Array.Resize(ref array, Math.Max(groups, old * 2));
        array.AsSpan(old).Fill(fill);
        return array;
    }

    protected static bool Valid(IArrowArray values, int row) => values.NullCount == 0 || values.IsValid(row);
}

internal sealed class CountAccumulator(bool countNulls) : Accumulator
{
    private long[] _counts = [];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Add(ReadOnlySpan<int> ids, int groups, IArrowArray? values)
    {
        _counts = Grow(_counts, groups);
        var doubles = values is DoubleArray or FloatArray && !countNulls ? ArrowColumns.ToDoubles(values) : null;
        for (var r = 0; r < ids.Length; r++)
        {
            if (ids[r] >= 0 && (countNulls || (Valid(values!, r) && (doubles is null || !double.IsNaN(doubles[r])))))
            {
                _counts[ids[r]]++;
            }
        }
    }

    public override void Merge(Accumulator other, ReadOnlySpan<int> map, int groups)
    {
        _counts = Grow(_counts, groups);
        var o = (CountAccumulator)other;
        for (var i = 0; i < map.Length; i++)
        {
            _counts[map[i]] += o._counts[i];
        }
    }

    public override IArrowArray Build(IReadOnlyList<int> order) =>
        ArrowColumns.Wrap(Int64Type.Default, order.Select(g => g < _counts.Length ? _counts[g] : 0).ToArray(), order.Count);
}

/// <summary>Count, sum (exact as int64 for integer columns), mean and M2 (Welford within a partition, Chan's merge between).</summary>
internal sealed class MomentAccumulator(MomentAccumulator.Output output, bool integer) : Accumulator
{
    public enum Output
    {
        Sum,
        Mean,
        Var,
        Std,
    }

    private long[] _count = [];
    private double[] _sum = [];
    private long[] _intSum = [];
    private double[] _mean = [];
    private double[] _m2 = [];

    private bool NeedsMoments => output is Output.Var or Output.Std;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Add(ReadOnlySpan<int> ids, int groups, IArrowArray? values)
    {
        Resize(groups);
        if (integer && output == Output.Sum && values is Int64Array or Int32Array)
        {
            var longs = values is Int64Array ? ArrowColumns.Values<long>(values).ToArray() : ArrowColumns.Values<int>(values).ToArray().Select(v => (long)v).ToArray();
            for (var r = 0; r < ids.Length; r++)
            {
                var g = ids[r];
                if (g >= 0 && Valid(values, r))
                {
                    _intSum[g] += longs[r];
                    _count[g]++;
                }
            }
            return;
        }
        if (!NeedsMoments && values is Int64Array && values.NullCount == 0)
        {
            // Integer column without nulls (the accounts' amount): no double copy of the column.
            var longs = ArrowColumns.Values<long>(values);
            for (var r = 0; r < ids.Length; r++)
            {
                var g = ids[r];
                if (g >= 0)
                {
                    _sum[g] += longs[r];
                    _count[g]++;
                }
            }
            return;
        }
        var x = ArrowColumns.ToDoubles(values!);
        if (!NeedsMoments)
        {
            for (var r = 0; r < ids.Length; r++)
            {
                var g = ids[r];
                var v = x[r];
                if (g >= 0 && !double.IsNaN(v))
                {
                    _sum[g] += v;
                    _count[g]++;
                }
            }
            return;
        }
        for (var r = 0; r < ids.Length; r++)
        {
            var g = ids[r];
            var v = x[r];
            if (g < 0 || double.IsNaN(v))
            {
                continue;
            }
            var n = ++_count[g];
            var delta = v - _mean[g];
            _mean[g] += delta / n;
            _m2[g] += delta * (v - _mean[g]);
            _sum[g] += v;
        }
    }

    public override void Merge(Accumulator other, ReadOnlySpan<int> map, int groups)
    {
        Resize(groups);
        var o = (MomentAccumulator)other;
        for (var i = 0; i < map.Length; i++)
        {
            var g = map[i];
            long na = _count[g], nb = o._count[i];
            if (nb == 0)
            {
                continue;
            }
            var n = na + nb;
            var delta = o._mean[i] - _mean[g];
            _m2[g] += o._m2[i] + (delta * delta * na * nb / n);
            _mean[g] += delta * nb / n;
            _count[g] = n;
            _sum[g] += o._sum[i];
            _intSum[g] += o._intSum[i];
        }
    }

    public override IArrowArray Build(IReadOnlyList<int> order)
    {
        if (output == Output.Sum && integer)
        {
            return ArrowColumns.Wrap(Int64Type.Default, order.Select(g => _intSum[g] + (long)_sum[g]).ToArray(), order.Count);
        }
        var values = order.Select(g => output switch
        {
            Output.Sum => _sum[g],
            Output.Mean => _count[g] == 0 ? double.NaN : _sum[g] / _count[g],
            Output.Var => _count[g] <= 1 ? double.NaN : _m2[g] / (_count[g] - 1),
            _ => _count[g] <= 1 ? double.NaN : Math.Sqrt(_m2[g] / (_count[g] - 1)),
        }).ToArray();
        return NaNsAsNulls(values);
    }

    /// <summary>A double column whose NaNs are nulls (pandas prints both as NaN; Arrow consumers see nulls).</summary>
    public static IArrowArray NaNsAsNulls(double[] values)
    {
        byte[]? bits = null;
        var nulls = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                if (bits is null)
                {
                    bits = new byte[(values.Length + 7) / 8];
                    bits.AsSpan().Fill(0xFF);
                }
                bits[i >> 3] &= (byte)~(1 << (i & 7));
                nulls++;
            }
        }
        return ArrowColumns.Wrap(DoubleType.Default, values, values.Length, bits, nulls);
    }

    private void Resize(int groups)
    {
        _count = Grow(_count, groups);
        _sum = Grow(_sum, groups);
        _intSum = Grow(_intSum, groups);
        _mean = Grow(_mean, groups);
        _m2 = Grow(_m2, groups);
    }
}

internal sealed class ExtremeAccumulator(bool max, IArrowType type) : Accumulator
{
    private double[] _values = [];
    private long[] _longs = [];
    private bool[] _seen = [];
    private readonly bool _integer = type.TypeId is ArrowTypeId.Int64 or ArrowTypeId.Int32 or ArrowTypeId.Timestamp or ArrowTypeId.Date32;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Add(ReadOnlySpan<int> ids, int groups, IArrowArray? values)
    {
        Resize(groups);
        if (_integer)
        {
            var longs = values is Int32Array or Date32Array ? ArrowColumns.Values<int>(values).ToArray().Select(v => (long)v).ToArray() : ArrowColumns.Values<long>(values!).ToArray();
            for (var r = 0; r < ids.Length; r++)
            {
                var g = ids[r];
                if (g >= 0 && Valid(values!, r))
                {
                    Fold(g, longs[r]);
                }
            }
            return;
        }
        var x = ArrowColumns.ToDoubles(values!);
        for (var r = 0; r < ids.Length; r++)
        {
            var g = ids[r];
            if (g >= 0 && !double.IsNaN(x[r]))
            {
                Fold(g, x[r]);
            }
        }
    }

    public override void Merge(Accumulator other, ReadOnlySpan<int> map, int groups)
    {
        Resize(groups);
        var o = (ExtremeAccumulator)other;
        for (var i = 0; i < map.Length; i++)
        {
            if (!o._seen[i])
            {
                continue;
            }
            if (_integer)
            {
                Fold(map[i], o._longs[i]);
            }
            else
            {
                Fold(map[i], o._values[i]);
            }
        }
    }

    public override IArrowArray Build(IReadOnlyList<int> order)
    {
        if (_integer)
        {
            return ArrowValues.Build(type.TypeId == ArrowTypeId.Int32 ? Int64Type.Default : type, [.. order.Select(g => _seen[g] ? (object?)_longs[g] : null)]);
        }
        return MomentAccumulator.NaNsAsNulls([.. order.Select(g => _seen[g] ? _values[g] : double.NaN)]);
    }

    private void Fold(int g, double v)
    {
        if (!_seen[g] || (max ? v > _values[g] : v < _values[g]))
        {
            _values[g] = v;
            _seen[g] = true;
        }
    }

    private void Fold(int g, long v)
    {
        if (!_seen[g] || (max ? v > _longs[g] : v < _longs[g]))
        {
            _longs[g] = v;
            _seen[g] = true;
        }
    }

    private void Resize(int groups)
    {
        _values = Grow(_values, groups);
        _longs = Grow(_longs, groups);
        _seen = Grow(_seen, groups);
    }
}

/// <summary>The first or last non-null value of each group, in row order (partials merge in partition order).</summary>
internal sealed class PickAccumulator(bool last, IArrowType type) : Accumulator
{
    private object?[] _values = [];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Add(ReadOnlySpan<int> ids, int groups, IArrowArray? values)
    {
        _values = Grow(_values, groups);
        for (var r = 0; r < ids.Length; r++)
        {
            var g = ids[r];
            if (g >= 0 && (last || _values[g] is null) && ArrowColumns.GetValue(values!, r) is { } v && v is not double.NaN)
            {
                _values[g] = v;
            }
        }
    }

    public override void Merge(Accumulator other, ReadOnlySpan<int> map, int groups)
    {
        _values = Grow(_values, groups);
        var o = (PickAccumulator)other;
        for (var i = 0; i < map.Length; i++)
        {
            if (o._values[i] is { } v && (last || _values[map[i]] is null))
            {
                _values[map[i]] = v;
            }
        }
    }

    public override IArrowArray Build(IReadOnlyList<int> order) => ArrowValues.Build(type, [.. order.Select(g => _values[g])]);
}

internal sealed class DistinctAccumulator : Accumulator
{
    private HashSet<object>[] _sets = [];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Add(ReadOnlySpan<int> ids, int groups, IArrowArray? values)
    {
        Resize(groups);
        for (var r = 0; r < ids.Length; r++)
        {
            if (ids[r] >= 0 && ArrowColumns.GetValue(values!, r) is { } v && v is not double.NaN)
            {
                _sets[ids[r]].Add(v);
            }
        }
    }

    public override void Merge(Accumulator other, ReadOnlySpan<int> map, int groups)
    {
        Resize(groups);
        var o = (DistinctAccumulator)other;
        for (var i = 0; i < map.Length; i++)
        {
            _sets[map[i]].UnionWith(o._sets[i]);
        }
    }

    public override IArrowArray Build(IReadOnlyList<int> order) =>
        ArrowColumns.Wrap(Int64Type.Default, order.Select(g => (long)_sets[g].Count).ToArray(), order.Count);

    private void Resize(int groups)
    {
        var old = _sets.Length;
        _sets = Grow(_sets, groups, null!);
        for (var i = old; i < _sets.Length; i++)
        {
            _sets[i] ??= [];
            _ = _sets[i]!;
        }
    }
}
