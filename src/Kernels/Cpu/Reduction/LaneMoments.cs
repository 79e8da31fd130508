using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Count, shifted sum and shifted sum of squares per output for var and std, and their nan*
/// forms, that keep the innermost axis (std(axis=0)): each row is added with vector operations
/// across the outputs (d = x − shift; s += d; q += d²), and every <see cref="FoldSchedule.RowsPerFold"/>
/// rows on average the lanes are added to compensated totals, from which each output's (count,
/// mean, M2) is set. Per-element Welford updates (a division each) were ten times slower than
/// reading the data. Float32 is widened and integers converted to double as they are loaded.
/// </summary>
/// <remarks>
/// The shift of an output is its first value (its first value that is not NaN, when NaN are
/// skipped), kept to the end: q − s²/n is then accurate while the mean stays within a few standard
/// deviations of the shift (as for the runs of <see cref="MomentReducer{T, TOut, TNan, TStat, TW}"/>),
/// however far the data sit from zero. Moving the shift to the mean so far would instead re-round
/// a mean near a large offset at every fold (1e-9 relative error in the variance of 1e8 + U(0, 1)
/// over 2,000 rows). Propagating NaN, every added run counts whole rows, so counts are kept as
/// steps over output ranges, as in <see cref="LaneSums"/>; skipping NaN, each output counts its
/// own values in a third lane (doubles, exact far beyond the rows between folds), and NaN add
/// nothing to its sums: the same masked arithmetic as the tile kernels' nan* moments.
/// </remarks>
/// <typeparam name="TNan">Whether NaN propagate (var, std) or are skipped (nanvar, nanstd).</typeparam>
internal sealed class LaneMoments<TNan>(int outputs) : IKeptAxisLanes
    where TNan : INanPolicy
{
    private readonly double[] _shifts = new double[outputs];
    private readonly bool[] _shifted = new bool[outputs];
    private readonly double[] _sums = new double[outputs];
    private readonly double[] _squares = new double[outputs];
    private readonly double[]? _counts = TNan.Skip ? new double[outputs] : null;
    private readonly long[] _countSteps = new long[outputs + 1];
    private readonly long[] _totalCounts = new long[outputs];
    private readonly CompensatedSum[] _totalSums = new CompensatedSum[outputs];
    private readonly CompensatedSum[] _totalSquares = new CompensatedSum[outputs];
    private FoldSchedule _schedule = new(outputs);

    public bool IsDue => _schedule.IsDue;

    public int RowsBeforeDue(int rowLength) => _schedule.RowsBeforeDue(rowLength);

    public void Add<T, TW>(int firstOutput, ReadOnlySpan<T> values)
        where TW : IVectorWidth => AddRows<T, TW>(firstOutput, values, values.Length, 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows<T, TW>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
        where TW : IVectorWidth
    {
        if (typeof(T) == typeof(double))
        {
            AddRows<double, DoubleLoad, TW>(firstOutput, TileSums.As<T, double>(values), rowLength, rows);
        }
        else if (typeof(T) == typeof(float))
        {
            AddRows<float, SingleLoad, TW>(firstOutput, TileSums.As<T, float>(values), rowLength, rows);
        }
        else if (typeof(T) == typeof(int))
        {
            AddRows<int, Int32ToDoubleLoad, TW>(firstOutput, TileSums.As<T, int>(values), rowLength, rows);
        }
        else if (typeof(T) == typeof(long))
        {
            AddRows<long, Int64ToDoubleLoad, TW>(firstOutput, TileSums.As<T, long>(values), rowLength, rows);
        }
        else
        {
            throw new NotSupportedException($"Lane moments read float32, float64, int32 and int64 values, not {typeof(T).Name}.");
        }
        if (!TNan.Skip)
        {
            _countSteps[firstOutput] += rows;
            _countSteps[firstOutput + rowLength] -= rows;
        }
        _schedule.Added((long)rows * rowLength);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs)
        where TReducer : IReducer<T, TAcc, TOut>
    {
        long steps = 0;
        for (var i = 0; i < _sums.Length; i++)
        {
            long count;
            if (TNan.Skip)
            {
                count = (long)_counts![i];
                _counts[i] = 0;
            }
            else
            {
                steps += _countSteps[i];
                _countSteps[i] = 0;
                count = steps;
            }
            if (count != 0)
            {
                _totalCounts[i] += count;
                _totalSums[i].Add(_sums[i]);
                _totalSquares[i].Add(_squares[i]);
                _sums[i] = 0;
                _squares[i] = 0;
                // The accumulator is this output's moments so far, from the totals around the one shift.
                var n = _totalCounts[i];
                var s = _totalSums[i].Value;
                var q = _totalSquares[i].Value;
                var m2 = double.IsFinite(q) ? Math.Max(0, q - (s * s / n)) : double.NaN;
                TReducer.SetLaneMoments(ref accs[i], n, _shifts[i] + (s / n), m2);
            }
        }
        _countSteps[^1] = 0;
        _schedule.Folded();
    }

    private void AddRows<TIn, TLoad, TW>(int firstOutput, ReadOnlySpan<TIn> x, int rowLength, int rows)
        where TLoad : ILaneLoad<TIn, double>
        where TW : IVectorWidth
    {
        SetShifts<TIn, TLoad>(firstOutput, x, rowLength, rows);
        var lanes = LaneRefs<double>.Of(firstOutput, rowLength, _sums, _squares, _counts, _shifts);
        if (TNan.Skip)
        {
            LaneStrips.AddRows<TIn, double, TLoad, NanMomentOperator, TW>(lanes, x, rowLength, rows, 0);
        }
        else
        {
            LaneStrips.AddRows<TIn, double, TLoad, MomentOperator, TW>(lanes, x, rowLength, rows, 0);
        }
    }

    /// <summary>
    /// Outputs without a shift take their first value (finite ones; else 0). Skipping NaN, that
    /// is the first value that is not NaN: an output that saw only NaN has counted nothing, so
    /// it may still take its shift from a later row.
    /// </summary>
    private void SetShifts<TIn, TLoad>(int firstOutput, ReadOnlySpan<TIn> x, int rowLength, int rows)
        where TLoad : ILaneLoad<TIn, double>
    {
        var fresh = _shifted.AsSpan(firstOutput, rowLength);
        if (!fresh.Contains(false))
        {
            return;
        }
        ref var first = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        for (var i = 0; i < rowLength; i++)
        {
            if (fresh[i])
            {
                continue;
            }
            for (var r = 0; r < (TNan.Skip ? rows : 1); r++)
            {
                var v = TLoad.One(ref first, (nuint)((long)r * rowLength) + (nuint)i);
                if (!double.IsNaN(v) || !TNan.Skip)
                {
                    _shifts[firstOutput + i] = double.IsFinite(v) ? v : 0;
                    fresh[i] = true;
                    break;
                }
            }
        }
    }
}

/// <summary>The lane operator of var and std: d = x − shift (k) added to the sum (a), d² to the squares (b).</summary>
internal readonly struct MomentOperator : ILaneOperator<double>
{
    public static int Accumulated => 2;

    public static bool ReadsFixed => true;

    public static bool ReadsRow => false;

    public static double RowTag(long row) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate<TVec, TOps>(ref TVec a, ref TVec b, ref TVec c, TVec value, TVec k, TVec row)
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        var d = TOps.Subtract(value, k);
        a = TOps.Add(a, d);
        b = TOps.MultiplyAdd(d, d, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate(ref double a, ref double b, ref double c, double value, double k, double row)
    {
        var d = value - k;
        a += d;
        b += d * d;
    }
}

/// <summary>
/// The lane operator of nanvar and nanstd: as <see cref="MomentOperator"/> with NaN masked to a
/// deviation of 0 and not counted; the count (c) of each lane is its values that are not NaN.
/// </summary>
internal readonly struct NanMomentOperator : ILaneOperator<double>
{
    public static int Accumulated => 3;

    public static bool ReadsFixed => true;

    public static bool ReadsRow => false;

    public static double RowTag(long row) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate<TVec, TOps>(ref TVec a, ref TVec b, ref TVec c, TVec value, TVec k, TVec row)
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        var isNumber = TOps.Equals(value, value);
        var d = TOps.ConditionalSelect(isNumber, TOps.Subtract(value, k), TOps.Zero);
        a = TOps.Add(a, d);
        b = TOps.MultiplyAdd(d, d, b);
        c = TOps.Add(c, TOps.ConditionalSelect(isNumber, TOps.Broadcast(1), TOps.Zero));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate(ref double a, ref double b, ref double c, double value, double k, double row)
    {
        if (!double.IsNaN(value))
        {
            var d = value - k;
            a += d;
            b += d * d;
            c += 1;
        }
    }
}
