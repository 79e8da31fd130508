using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// int64 sums per output for integer sum, nansum, mean and nanmean that keep the innermost axis
/// (sum(axis=0) of int32 or int64; integers hold no NaN, so the nan* forms are these): each row
/// is added with one vector add per vector of outputs (int32 sign-extended), wrapping on overflow
/// as NumPy's int64 sums do, where the accumulators took one scalar add per element. Integer
/// addition is associative, so every width and row grouping gives the same sums.
/// </summary>
/// <remarks>
/// The lanes are folded with <see cref="IReducer{T, TAcc, TOut}.AddLaneWrappingSum"/> every
/// <see cref="FoldSchedule.RowsPerFold"/> rows on average: an int32 mean then converts to double a
/// partial of a few hundred values, far below 2^53, so it is exact, as NumPy's float64 sum of
/// int32 is while it stays below 2^53. Counts are kept as steps over output ranges, as in
/// <see cref="LaneSums"/>.
/// </remarks>
internal sealed class IntegerLaneSums(int outputs) : IKeptAxisLanes
{
    private readonly long[] _sums = new long[outputs];
    private readonly long[] _countSteps = new long[outputs + 1];
    private FoldSchedule _schedule = new(outputs);

    public bool IsDue => _schedule.IsDue;

    public int RowsBeforeDue(int rowLength) => _schedule.RowsBeforeDue(rowLength);

    public void Add<T, TW>(int firstOutput, ReadOnlySpan<T> values)
        where TW : IVectorWidth => AddRows<T, TW>(firstOutput, values, values.Length, 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows<T, TW>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
        where TW : IVectorWidth
    {
        var lanes = LaneRefs<long>.Of(firstOutput, rowLength, _sums);
        if (typeof(T) == typeof(long))
        {
            LaneStrips.AddRows<long, long, Int64Load, AddOperator<long>, TW>(lanes, TileSums.As<T, long>(values), rowLength, rows, 0);
        }
        else if (typeof(T) == typeof(int))
        {
            LaneStrips.AddRows<int, long, Int32Load, AddOperator<long>, TW>(lanes, TileSums.As<T, int>(values), rowLength, rows, 0);
        }
        else
        {
            throw new NotSupportedException($"Integer lane sums read int32 and int64 values, not {typeof(T).Name}.");
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
                TReducer.AddLaneWrappingSum(ref accs[i], _sums[i], count);
                _sums[i] = 0;
            }
        }
        _countSteps[^1] = 0;
        _schedule.Folded();
    }
}
