using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Count, shifted sum and shifted sum of squares per output for var and std that keep the
/// innermost axis (std(axis=0)): each row is added with vector operations across the outputs
/// (d = x − shift; s += d; q += d²), and every <see cref="FoldSchedule.RowsPerFold"/> rows on average the
/// lanes are added to compensated totals, from which each output's (count, mean, M2) is set.
/// Per-element Welford updates (a division each) were ten times slower than reading the data.
/// </summary>
/// <remarks>
/// The shift of an output is its first value, kept to the end: q − s²/n is then accurate while
/// the mean stays within a few standard deviations of the first value (as for the runs of
/// <see cref="MomentReducer{T, TOut, TNan, TStat, TW}"/>), however far the data sit from zero.
/// Moving the shift to the mean so far would instead re-round a mean near a large offset at every
/// fold (1e-9 relative error in the variance of 1e8 + U(0, 1) over 2,000 rows). Counts are kept
/// as steps over output ranges, as in <see cref="LaneSums"/>.
/// </remarks>
internal sealed class LaneMoments(int outputs) : IKeptAxisLanes
{
    private readonly double[] _shifts = new double[outputs];
    private readonly bool[] _shifted = new bool[outputs];
    private readonly double[] _sums = new double[outputs];
    private readonly double[] _squares = new double[outputs];
    private readonly long[] _countSteps = new long[outputs + 1];
    private readonly long[] _counts = new long[outputs];
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
        else
        {
            throw new NotSupportedException($"Lane moments hold float and double values, not {typeof(T).Name}.");
        }
        _countSteps[firstOutput] += rows;
        _countSteps[firstOutput + rowLength] -= rows;
        _schedule.Added((long)rows * rowLength);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs)
        where TReducer : IReducer<T, TAcc, TOut>
    {
        long count = 0;
        for (var i = 0; i < _sums.Length; i++)
        {
            count += _countSteps[i];
            _countSteps[i] = 0;
            if (count != 0)
            {
                _counts[i] += count;
                _totalSums[i].Add(_sums[i]);
                _totalSquares[i].Add(_squares[i]);
                _sums[i] = 0;
                _squares[i] = 0;
                // The accumulator is this output's moments so far, from the totals around the one shift.
                var n = _counts[i];
                var s = _totalSums[i].Value;
                var q = _totalSquares[i].Value;
                var m2 = double.IsFinite(q) ? Math.Max(0, q - (s * s / n)) : double.NaN;
                TReducer.SetLaneMoments(ref accs[i], n, _shifts[i] + (s / n), m2);
            }
        }
        _countSteps[^1] = 0;
        _schedule.Folded();
    }

    private void AddRows<T, TLoad, TW>(int firstOutput, ReadOnlySpan<T> x, int rowLength, int rows)
        where TLoad : IWideningLoad<T>
        where TW : IVectorWidth
    {
        var fresh = _shifted.AsSpan(firstOutput, rowLength);
        if (fresh.Contains(false))
        {
            // Outputs seen for the first time shift by their first value (finite ones; else 0).
            ref var first = ref MemoryMarshal.GetReference(x);
            for (var i = 0; i < rowLength; i++)
            {
                if (!fresh[i])
                {
                    var v = TLoad.One(ref first, (nuint)i);
                    _shifts[firstOutput + i] = double.IsFinite(v) ? v : 0;
                    fresh[i] = true;
                }
            }
        }
        var lanes = new Lanes(ref _shifts[firstOutput], ref _sums[firstOutput], ref _squares[firstOutput]);
        var row = 0;
        for (; row + 8 <= rows; row += 8)
        {
            if (typeof(TW) == typeof(Width512))
            {
                AddEightRows<T, TLoad, Vector512<double>, Simd512<double>>(lanes, x.Slice(row * rowLength, 8 * rowLength), rowLength);
            }
            else if (typeof(TW) == typeof(Width256))
            {
                AddEightRows<T, TLoad, Vector256<double>, Simd256<double>>(lanes, x.Slice(row * rowLength, 8 * rowLength), rowLength);
            }
            else
            {
                AddEightRows<T, TLoad, Vector128<double>, Simd128<double>>(lanes, x.Slice(row * rowLength, 8 * rowLength), rowLength);
            }
        }
        for (; row < rows; row++)
        {
            if (typeof(TW) == typeof(Width512))
            {
                AddRow<T, TLoad, Vector512<double>, Simd512<double>>(lanes, x.Slice(row * rowLength, rowLength));
            }
            else if (typeof(TW) == typeof(Width256))
            {
                AddRow<T, TLoad, Vector256<double>, Simd256<double>>(lanes, x.Slice(row * rowLength, rowLength));
            }
            else
            {
                AddRow<T, TLoad, Vector128<double>, Simd128<double>>(lanes, x.Slice(row * rowLength, rowLength));
            }
        }
    }

    /// <summary>The three lane arrays from the first output of a run on.</summary>
    private readonly ref struct Lanes(ref double shifts, ref double sums, ref double squares)
    {
        public readonly ref double Shifts = ref shifts;
        public readonly ref double Sums = ref sums;
        public readonly ref double Squares = ref squares;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow<T, TLoad, TVec, TOps>(Lanes lanes, ReadOnlySpan<T> values)
        where TLoad : IWideningLoad<T>
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)values.Length;
        nuint i = 0;
        for (; i + (2 * w) <= n; i += 2 * w)
        {
            var (low, high) = TLoad.Pair<TVec, TOps>(ref x, i);
            var d0 = TOps.Subtract(low, TOps.LoadUnsafe(ref lanes.Shifts, i));
            var d1 = TOps.Subtract(high, TOps.LoadUnsafe(ref lanes.Shifts, i + w));
            TOps.StoreUnsafe(TOps.Add(TOps.LoadUnsafe(ref lanes.Sums, i), d0), ref lanes.Sums, i);
            TOps.StoreUnsafe(TOps.Add(TOps.LoadUnsafe(ref lanes.Sums, i + w), d1), ref lanes.Sums, i + w);
            TOps.StoreUnsafe(TOps.MultiplyAdd(d0, d0, TOps.LoadUnsafe(ref lanes.Squares, i)), ref lanes.Squares, i);
            TOps.StoreUnsafe(TOps.MultiplyAdd(d1, d1, TOps.LoadUnsafe(ref lanes.Squares, i + w)), ref lanes.Squares, i + w);
        }
        for (; i < n; i++)
        {
            var d = TLoad.One(ref x, i) - Unsafe.Add(ref lanes.Shifts, i);
            Unsafe.Add(ref lanes.Sums, i) += d;
            Unsafe.Add(ref lanes.Squares, i) += d * d;
        }
    }

    /// <summary>Eight rows added a strip of two vectors at a time, the strip's lanes held in registers across the rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddEightRows<T, TLoad, TVec, TOps>(Lanes lanes, ReadOnlySpan<T> values, int rowLength)
        where TLoad : IWideningLoad<T>
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)rowLength;
        var stride = (nuint)rowLength;
        nuint i = 0;
        for (; i + (2 * w) <= n; i += 2 * w)
        {
            var k0 = TOps.LoadUnsafe(ref lanes.Shifts, i);
            var k1 = TOps.LoadUnsafe(ref lanes.Shifts, i + w);
            var s0 = TOps.LoadUnsafe(ref lanes.Sums, i);
            var s1 = TOps.LoadUnsafe(ref lanes.Sums, i + w);
            var q0 = TOps.LoadUnsafe(ref lanes.Squares, i);
            var q1 = TOps.LoadUnsafe(ref lanes.Squares, i + w);
            for (nuint r = 0, at = i; r < 8; r++, at += stride)
            {
                var (low, high) = TLoad.Pair<TVec, TOps>(ref x, at);
                var d0 = TOps.Subtract(low, k0);
                var d1 = TOps.Subtract(high, k1);
                s0 = TOps.Add(s0, d0);
                s1 = TOps.Add(s1, d1);
                q0 = TOps.MultiplyAdd(d0, d0, q0);
                q1 = TOps.MultiplyAdd(d1, d1, q1);
            }
            TOps.StoreUnsafe(s0, ref lanes.Sums, i);
            TOps.StoreUnsafe(s1, ref lanes.Sums, i + w);
            TOps.StoreUnsafe(q0, ref lanes.Squares, i);
            TOps.StoreUnsafe(q1, ref lanes.Squares, i + w);
        }
        for (; i < n; i++)
        {
            var shift = Unsafe.Add(ref lanes.Shifts, i);
            double s = Unsafe.Add(ref lanes.Sums, i), q = Unsafe.Add(ref lanes.Squares, i);
            for (nuint r = 0, at = i; r < 8; r++, at += stride)
            {
                var d = TLoad.One(ref x, at) - shift;
                s += d;
                q += d * d;
            }
            Unsafe.Add(ref lanes.Sums, i) = s;
            Unsafe.Add(ref lanes.Squares, i) = q;
        }
    }
}
