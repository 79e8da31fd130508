namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// Per-output partials held in plain double lanes for reductions that keep the innermost axis
/// (over outer axes: sum(axis=0), std(axis=0)): each row is added with vector operations across
/// the outputs, and the lanes are folded into the reducer's accumulators every few hundred rows.
/// <see cref="LaneSums"/> for sums and means, <see cref="LaneMoments{TNan}"/> for var and std, and
/// the others <see cref="IReducer{T, TAcc, TOut}.CreateLanes"/> lists; all run <see cref="LaneStrips"/>.
/// </summary>
internal interface IKeptAxisLanes
{
    /// <summary>Whether enough rows were added that the lanes must be folded before more are.</summary>
    bool IsDue { get; }

    /// <summary>Rows of <paramref name="rowLength"/> values that may be added before the lanes are due to fold (at least one).</summary>
    int RowsBeforeDue(int rowLength);

    /// <summary>Adds one run of values to the outputs from <paramref name="firstOutput"/> on.</summary>
    void Add<T, TW>(int firstOutput, ReadOnlySpan<T> values)
        where TW : IVectorWidth;

    /// <summary>Adds <paramref name="rows"/> consecutive rows of <paramref name="rowLength"/> values, all to the outputs from <paramref name="firstOutput"/>.</summary>
    void AddRows<T, TW>(int firstOutput, ReadOnlySpan<T> values, int rowLength, int rows)
        where TW : IVectorWidth;

    /// <summary>Folds the lanes into <paramref name="accs"/> and clears them.</summary>
    void FoldInto<TAcc, TReducer, T, TOut>(TAcc[] accs)
        where TReducer : IReducer<T, TAcc, TOut>;
}
