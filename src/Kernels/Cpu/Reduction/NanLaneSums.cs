using System.Runtime.CompilerServices;

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
    /// to the outputs from <paramref name="firstOutput"/>, through <see cref="LaneStrips"/> with
    /// <see cref="NanSumOperator"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows<T, TW>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
        where TW : IVectorWidth
    {
        var lanes = LaneRefs<double>.Of(firstOutput, rowLength, _sums, _counts);
        if (typeof(T) == typeof(double))
        {
            LaneStrips.AddRows<double, double, DoubleLoad, NanSumOperator, TW>(lanes, TileSums.As<T, double>(values), rowLength, rows, 0);
        }
        else if (typeof(T) == typeof(float))
        {
            LaneStrips.AddRows<float, double, SingleLoad, NanSumOperator, TW>(lanes, TileSums.As<T, float>(values), rowLength, rows, 0);
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
}

/// <summary>The lane operator of nansum and nanmean: a sum (a) and a count (b) per lane; NaN adds 0 and is not counted.</summary>
internal readonly struct NanSumOperator : ILaneOperator<double>
{
    public static int Accumulated => 2;

    public static bool ReadsFixed => false;

    public static bool ReadsRow => false;

    public static double RowTag(long row) => 0;

    /// <summary>One Equals(v, v) mask selects both the value (or 0) and the count's step (1 or 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate<TVec, TOps>(ref TVec a, ref TVec b, ref TVec c, TVec value, TVec k, TVec row)
        where TVec : struct
        where TOps : ISimd<double, TVec>
    {
        var isNumber = TOps.Equals(value, value);
        a = TOps.Add(a, TOps.ConditionalSelect(isNumber, value, TOps.Zero));
        b = TOps.Add(b, TOps.ConditionalSelect(isNumber, TOps.Broadcast(1), TOps.Zero));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Accumulate(ref double a, ref double b, ref double c, double value, double k, double row)
    {
        if (!double.IsNaN(value))
        {
            a += value;
            b += 1;
        }
    }
}
