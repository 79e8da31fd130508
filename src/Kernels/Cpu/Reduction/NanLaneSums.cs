using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Plain double sums per output for nansum and nanmean that keep the innermost axis (over outer
/// axes), the NaN-skipping counterpart of <see cref="LaneSums"/>: NaN values are added as 0, and
/// each output keeps its own count of the values that were not NaN, since skipped values break
/// <see cref="LaneSums"/>' counting of whole runs. The lanes are folded into the compensated
/// accumulators every <see cref="FoldSchedule.RowsPerFold"/> rows on average, for the same accuracy as
/// <see cref="LaneSums"/>.
/// </summary>
/// <remarks>
/// Counts are held as doubles in lanes beside the sums, so one Equals(v, v) mask per vector
/// selects both the value (or 0) and the count's step (1 or 0); they are exact far beyond the
/// few hundred rows between folds.
/// </remarks>
internal sealed class NanLaneSums(int outputs) : IKeptAxisLanes
{
    private readonly double[] _sums = new double[outputs];
    private readonly double[] _counts = new double[outputs];
    private FoldSchedule _schedule = new(outputs);

    public bool IsDue => _schedule.IsDue;

    /// <summary>Rows of <paramref name="rowLength"/> values that may be added before the lanes are due to fold (at least one).</summary>
    public int RowsBeforeDue(int rowLength) => _schedule.RowsBeforeDue(rowLength);

    public void Add<T, TW>(int firstOutput, ReadOnlySpan<T> values)
        where TW : IVectorWidth => AddRows<T, TW>(firstOutput, values, values.Length, 1);

    /// <summary>
    /// Adds <paramref name="rows"/> consecutive rows of <paramref name="rowLength"/> values, all
    /// to the outputs from <paramref name="firstOutput"/>: eight rows at a time with a strip of
    /// sums and counts held in registers (as <see cref="LaneSums"/>), then row by row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows<T, TW>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
        where TW : IVectorWidth
    {
        ref var sums = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_sums), firstOutput);
        ref var counts = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_counts), firstOutput);
        if (typeof(T) == typeof(double))
        {
            AddRowsAt<double, DoubleLoad, TW>(ref sums, ref counts, TileSums.As<T, double>(values), rowLength, rows);
        }
        else if (typeof(T) == typeof(float))
        {
            AddRowsAt<float, SingleLoad, TW>(ref sums, ref counts, TileSums.As<T, float>(values), rowLength, rows);
        }
        else
        {
            throw new NotSupportedException($"NaN-skipping lane sums hold float and double values, not {typeof(T).Name}.");
        }
        _schedule.Added((long)rows * rowLength);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs) where TReducer : IReducer<T, TAcc, TOut>
    {
        for (var i = 0; i < _sums.Length; i++)
        {
            // An output with no value but NaN since the last fold has nothing to add (its sum is 0).
            if (_counts[i] != 0)
            {
                TReducer.AddLaneSum(ref accs[i], _sums[i], (long)_counts[i]);
                _sums[i] = 0;
                _counts[i] = 0;
            }
        }
        _schedule.Folded();
    }

    private static void AddRowsAt<T, TLoad, TW>(ref double sums, ref double counts, ReadOnlySpan<T> x, int rowLength, int rows)
        where TLoad : IWideningLoad<T>
        where TW : IVectorWidth
    {
        if (typeof(TW) == typeof(Width512))
        {
            AddRows<T, TLoad, Vector512<double>, Simd512<double>>(ref sums, ref counts, x, rowLength, rows);
        }
        else if (typeof(TW) == typeof(Width256))
        {
            AddRows<T, TLoad, Vector256<double>, Simd256<double>>(ref sums, ref counts, x, rowLength, rows);
        }
        else
        {
            AddRows<T, TLoad, Vector128<double>, Simd128<double>>(ref sums, ref counts, x, rowLength, rows);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRows<T, TLoad, TVec, TOps>(ref double sums, ref double counts, ReadOnlySpan<T> x, int rowLength, int rows)
        where TLoad : IWideningLoad<T>
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        var row = 0;
        for (; row + 8 <= rows; row += 8)
        {
            AddEightRows<T, TLoad, TVec, TOps>(ref sums, ref counts, x.Slice(row * rowLength, 8 * rowLength), rowLength);
        }
        for (; row < rows; row++)
        {
            AddRow<T, TLoad, TVec, TOps>(ref sums, ref counts, x.Slice(row * rowLength, rowLength));
        }
    }

    /// <summary>Adds one vector of values to a vector of sums and counts, NaN as 0 and not counted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddSkippingNaN<TVec, TOps>(ref TVec sum, ref TVec count, TVec v, TVec one)
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        var isNumber = TOps.Equals(v, v);
        sum = TOps.Add(sum, TOps.ConditionalSelect(isNumber, v, TOps.Zero));
        count = TOps.Add(count, TOps.ConditionalSelect(isNumber, one, TOps.Zero));
    }

    /// <summary>One row added to the lanes, two vectors at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow<T, TLoad, TVec, TOps>(ref double sums, ref double counts, ReadOnlySpan<T> values)
        where TLoad : IWideningLoad<T>
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)values.Length;
        var one = TOps.Broadcast(1);
        nuint i = 0;
        for (; i + (2 * w) <= n; i += 2 * w)
        {
            var (low, high) = TLoad.Pair<TVec, TOps>(ref x, i);
            var s0 = TOps.LoadUnsafe(ref sums, i);
            var s1 = TOps.LoadUnsafe(ref sums, i + w);
            var c0 = TOps.LoadUnsafe(ref counts, i);
            var c1 = TOps.LoadUnsafe(ref counts, i + w);
            AddSkippingNaN<TVec, TOps>(ref s0, ref c0, low, one);
            AddSkippingNaN<TVec, TOps>(ref s1, ref c1, high, one);
            TOps.StoreUnsafe(s0, ref sums, i);
            TOps.StoreUnsafe(s1, ref sums, i + w);
            TOps.StoreUnsafe(c0, ref counts, i);
            TOps.StoreUnsafe(c1, ref counts, i + w);
        }
        for (; i < n; i++)
        {
            var v = TLoad.One(ref x, i);
            if (!double.IsNaN(v))
            {
                Unsafe.Add(ref sums, i) += v;
                Unsafe.Add(ref counts, i) += 1;
            }
        }
    }

    /// <summary>Eight rows added to the lanes a strip of two vectors at a time, sums and counts held in registers across the rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddEightRows<T, TLoad, TVec, TOps>(ref double sums, ref double counts, ReadOnlySpan<T> values, int rowLength)
        where TLoad : IWideningLoad<T>
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)rowLength;
        var stride = (nuint)rowLength;
        var one = TOps.Broadcast(1);
        nuint i = 0;
        for (; i + (2 * w) <= n; i += 2 * w)
        {
            var s0 = TOps.LoadUnsafe(ref sums, i);
            var s1 = TOps.LoadUnsafe(ref sums, i + w);
            var c0 = TOps.LoadUnsafe(ref counts, i);
            var c1 = TOps.LoadUnsafe(ref counts, i + w);
            for (nuint r = 0, at = i; r < 8; r++, at += stride)
            {
                var (low, high) = TLoad.Pair<TVec, TOps>(ref x, at);
                AddSkippingNaN<TVec, TOps>(ref s0, ref c0, low, one);
                AddSkippingNaN<TVec, TOps>(ref s1, ref c1, high, one);
            }
            TOps.StoreUnsafe(s0, ref sums, i);
            TOps.StoreUnsafe(s1, ref sums, i + w);
            TOps.StoreUnsafe(c0, ref counts, i);
            TOps.StoreUnsafe(c1, ref counts, i + w);
        }
        for (; i < n; i++)
        {
            var sum = Unsafe.Add(ref sums, i);
            var count = Unsafe.Add(ref counts, i);
            for (nuint r = 0, at = i; r < 8; r++, at += stride)
            {
                var v = TLoad.One(ref x, at);
                if (!double.IsNaN(v))
                {
                    sum += v;
                    count += 1;
                }
            }
            Unsafe.Add(ref sums, i) = sum;
            Unsafe.Add(ref counts, i) = count;
        }
    }
}
