using System.Numerics;
using System.Runtime.CompilerServices;

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

    public void Add<T, TW>(int firstOutput, ReadOnlySpan<T> values)
        where TW : IVectorWidth => AddRows<T, TW>(firstOutput, values, values.Length, 1);

    /// <summary>
    /// Adds <paramref name="rows"/> consecutive rows of <paramref name="rowLength"/> values, all
    /// to the outputs from <paramref name="firstOutput"/>, through <see cref="LaneStrips"/> (eight
    /// rows per load and store of the lanes) with <see cref="AddOperator{T}"/>: float32 widened,
    /// int64 converted to double one by one as NumPy's float64 accumulator does (their mean).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows<T, TW>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
        where TW : IVectorWidth
    {
        var lanes = LaneRefs<double>.Of(firstOutput, rowLength, _sums);
        if (typeof(T) == typeof(double))
        {
            LaneStrips.AddRows<double, double, DoubleLoad, AddOperator<double>, TW>(lanes, TileSums.As<T, double>(values), rowLength, rows, 0);
        }
        else if (typeof(T) == typeof(float))
        {
            LaneStrips.AddRows<float, double, SingleLoad, AddOperator<double>, TW>(lanes, TileSums.As<T, float>(values), rowLength, rows, 0);
        }
        else if (typeof(T) == typeof(long))
        {
            LaneStrips.AddRows<long, double, Int64ToDoubleLoad, AddOperator<double>, TW>(lanes, TileSums.As<T, long>(values), rowLength, rows, 0);
        }
        else
        {
            throw new NotSupportedException($"Lane sums read float32, float64 and int64 values, not {typeof(T).Name}.");
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
}

/// <summary>The lane operator of plain sums: each value added to its lane (int64 lanes wrap, as NumPy's int64 sums).</summary>
internal readonly struct AddOperator<T> : ILaneOperator<T>
    where T : unmanaged, INumberBase<T>
{
    public static int Accumulated => 1;

    public static bool ReadsFixed => false;

    public static bool ReadsRow => false;

    public static T RowTag(long row) => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate<TVec, TOps>(ref TVec a, ref TVec b, ref TVec c, TVec value, TVec k, TVec row)
        where TVec : struct
        where TOps : ISimd<T, TVec> => a = TOps.Add(a, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate(ref T a, ref T b, ref T c, T value, T k, T row) => a = unchecked(a + value);
}
