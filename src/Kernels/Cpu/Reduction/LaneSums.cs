using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Plain double sums per output for reductions that keep the innermost axis (sum/mean over outer
/// axes): each row is added with one vector add, and the lanes are folded into the compensated
/// accumulators once every <see cref="FoldSchedule.RowsPerFold"/> rows on average. A lane therefore holds a
/// plain sum of at most a few hundred values (error ~ hundreds of ulps of the partial, far less
/// than NumPy's plain row-by-row accumulation over the whole axis), while the compensated sums
/// keep the total accurate however long the axis.
/// </summary>
/// <remarks>
/// The add is the whole inner loop of an outer-axis sum, so it is kept to one load of the lane,
/// one load of the value and one store per vector. Counts are not kept per lane: every added run
/// covers a contiguous range of outputs, so its count is recorded as +1 at the range's start and
/// -1 past its end, and the running sum of those steps at the fold gives each output's count.
/// </remarks>
internal sealed class LaneSums(int outputs) : IKeptAxisLanes
{
    private readonly double[] _sums = new double[outputs];
    private readonly long[] _countSteps = new long[outputs + 1];
    private FoldSchedule _schedule = new(outputs);

    public bool IsDue => _schedule.IsDue;

    /// <summary>Rows of <paramref name="rowLength"/> values that may be added before the lanes are due to fold (at least one).</summary>
    public int RowsBeforeDue(int rowLength) => _schedule.RowsBeforeDue(rowLength);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add<T, TW>(int firstOutput, ReadOnlySpan<T> values)
        where TW : IVectorWidth
    {
        ref var sums = ref MemoryMarshal.GetArrayDataReference(_sums);
        sums = ref Unsafe.Add(ref sums, firstOutput);
        if (typeof(T) == typeof(double))
        {
            AddRowAt<double, DoubleLoad, TW>(ref sums, TileSums.As<T, double>(values));
        }
        else if (typeof(T) == typeof(float))
        {
            AddRowAt<float, SingleLoad, TW>(ref sums, TileSums.As<T, float>(values));
        }
        else
        {
            throw new NotSupportedException($"Lane sums hold float and double values, not {typeof(T).Name}.");
        }
        _countSteps[firstOutput]++;
        _countSteps[firstOutput + values.Length]--;
        _schedule.Added(values.Length);
    }

    /// <summary>
    /// Adds <paramref name="rows"/> consecutive rows of <paramref name="rowLength"/> values, all
    /// to the outputs from <paramref name="firstOutput"/>. Rows go eight at a time, a strip of
    /// lanes held in registers while the eight rows' values (float32 widened) are added in row
    /// order (the same sums as row by row), so the lanes are loaded and stored once per eight
    /// rows: one load and store of the lanes per row cost more than reading the rows from memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows<T, TW>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
        where TW : IVectorWidth
    {
        ref var sums = ref MemoryMarshal.GetArrayDataReference(_sums);
        sums = ref Unsafe.Add(ref sums, firstOutput);
        if (typeof(T) == typeof(double))
        {
            AddRows<double, DoubleLoad, TW>(ref sums, TileSums.As<T, double>(values), rowLength, rows);
        }
        else if (typeof(T) == typeof(float))
        {
            AddRows<float, SingleLoad, TW>(ref sums, TileSums.As<T, float>(values), rowLength, rows);
        }
        else
        {
            throw new NotSupportedException($"Lane sums hold float and double values, not {typeof(T).Name}.");
        }
        _countSteps[firstOutput] += rows;
        _countSteps[firstOutput + rowLength] -= rows;
        _schedule.Added((long)rows * rowLength);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs) where TReducer : IReducer<T, TAcc, TOut>
    {
        long count = 0;
        for (var i = 0; i < _sums.Length; i++)
        {
            count += _countSteps[i];
            _countSteps[i] = 0;
            if (count != 0)
            {
                TReducer.AddLaneSum(ref accs[i], _sums[i], count);
                _sums[i] = 0;
            }
        }
        _countSteps[^1] = 0;
        _schedule.Folded();
    }

    private static void AddRows<T, TLoad, TW>(ref double sums, ReadOnlySpan<T> x, int rowLength, int rows)
        where TLoad : IWideningLoad<T>
        where TW : IVectorWidth
    {
        var row = 0;
        for (; row + 8 <= rows; row += 8)
        {
            AddEightRowsAt<T, TLoad, TW>(ref sums, x.Slice(row * rowLength, 8 * rowLength), rowLength);
        }
        for (; row < rows; row++)
        {
            AddRowAt<T, TLoad, TW>(ref sums, x.Slice(row * rowLength, rowLength));
        }
    }

    private static void AddRowAt<T, TLoad, TW>(ref double sums, ReadOnlySpan<T> values)
        where TLoad : IWideningLoad<T>
        where TW : IVectorWidth
    {
        if (typeof(TW) == typeof(Width512))
        {
            AddRow<T, TLoad, Vector512<double>, Simd512<double>>(ref sums, values);
        }
        else if (typeof(TW) == typeof(Width256))
        {
            AddRow<T, TLoad, Vector256<double>, Simd256<double>>(ref sums, values);
        }
        else
        {
            AddRow<T, TLoad, Vector128<double>, Simd128<double>>(ref sums, values);
        }
    }

    private static void AddEightRowsAt<T, TLoad, TW>(ref double sums, ReadOnlySpan<T> values, int rowLength)
        where TLoad : IWideningLoad<T>
        where TW : IVectorWidth
    {
        if (typeof(TW) == typeof(Width512))
        {
            AddEightRows<T, TLoad, Vector512<double>, Simd512<double>>(ref sums, values, rowLength);
        }
        else if (typeof(TW) == typeof(Width256))
        {
            AddEightRows<T, TLoad, Vector256<double>, Simd256<double>>(ref sums, values, rowLength);
        }
        else
        {
            AddEightRows<T, TLoad, Vector128<double>, Simd128<double>>(ref sums, values, rowLength);
        }
    }

    /// <summary>One row added to the lanes: a load of the lanes, a load of the values and a store per vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow<T, TLoad, TVec, TOps>(ref double sums, ReadOnlySpan<T> values)
        where TLoad : IWideningLoad<T>
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var w = (nuint)TOps.Count;
        var n = (nuint)values.Length;
        nuint i = 0;
        for (; i + (4 * w) <= n; i += 4 * w)
        {
            var (l0, h0) = TLoad.Pair<TVec, TOps>(ref x, i);
            var (l1, h1) = TLoad.Pair<TVec, TOps>(ref x, i + (2 * w));
            TOps.StoreUnsafe(TOps.Add(TOps.LoadUnsafe(ref sums, i), l0), ref sums, i);
            TOps.StoreUnsafe(TOps.Add(TOps.LoadUnsafe(ref sums, i + w), h0), ref sums, i + w);
            TOps.StoreUnsafe(TOps.Add(TOps.LoadUnsafe(ref sums, i + (2 * w)), l1), ref sums, i + (2 * w));
            TOps.StoreUnsafe(TOps.Add(TOps.LoadUnsafe(ref sums, i + (3 * w)), h1), ref sums, i + (3 * w));
        }
        for (; i + (2 * w) <= n; i += 2 * w)
        {
            var (low, high) = TLoad.Pair<TVec, TOps>(ref x, i);
            TOps.StoreUnsafe(TOps.Add(TOps.LoadUnsafe(ref sums, i), low), ref sums, i);
            TOps.StoreUnsafe(TOps.Add(TOps.LoadUnsafe(ref sums, i + w), high), ref sums, i + w);
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref sums, i) += TLoad.One(ref x, i);
        }
    }

    /// <summary>Eight rows added to the lanes a strip of two vectors at a time (see <see cref="AddRows{T, TW}(int, ReadOnlySpan{T}, int, int)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddEightRows<T, TLoad, TVec, TOps>(ref double sums, ReadOnlySpan<T> values, int rowLength)
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
            var s0 = TOps.LoadUnsafe(ref sums, i);
            var s1 = TOps.LoadUnsafe(ref sums, i + w);
            for (nuint r = 0, at = i; r < 8; r++, at += stride)
            {
                var (low, high) = TLoad.Pair<TVec, TOps>(ref x, at);
                s0 = TOps.Add(s0, low);
                s1 = TOps.Add(s1, high);
            }
            TOps.StoreUnsafe(s0, ref sums, i);
            TOps.StoreUnsafe(s1, ref sums, i + w);
        }
        for (; i < n; i++)
        {
            var sum = Unsafe.Add(ref sums, i);
            for (nuint r = 0, at = i; r < 8; r++, at += stride)
            {
                sum += TLoad.One(ref x, at);
            }
            Unsafe.Add(ref sums, i) = sum;
        }
    }
}
