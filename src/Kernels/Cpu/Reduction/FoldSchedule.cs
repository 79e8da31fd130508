namespace Tessera.Kernels.Cpu.Reduction;

/// <summary>
/// When kept-axis lanes of plain double sums (<see cref="LaneSums"/>, <see cref="NanLaneSums"/>,
/// <see cref="LaneMoments{TNan}"/>, <see cref="IntegerLaneSums"/>) are due to fold into the compensated accumulators: after
/// <see cref="RowsPerFold"/> rows per output on average, so a lane holds a plain sum of at most a
/// few hundred values (error ~ hundreds of ulps of the partial) however long the axis.
/// </summary>
internal struct FoldSchedule(int outputs)
{
    /// <summary>Rows added per output, on average, between folds.</summary>
    public const int RowsPerFold = 256;

    private readonly long _foldAfter = (long)RowsPerFold * Math.Max(outputs, 1);
    private long _pending;

    /// <summary>Whether enough values were added that the lanes must fold before more are.</summary>
    public readonly bool IsDue => _pending >= _foldAfter;

    /// <summary>Rows of <paramref name="rowLength"/> values that may be added before the lanes are due (at least one).</summary>
    public readonly int RowsBeforeDue(int rowLength) =>
        (int)Math.Clamp((_foldAfter - _pending + rowLength - 1) / Math.Max(1, rowLength), 1, int.MaxValue);

    /// <summary>Records <paramref name="values"/> more values added to the lanes.</summary>
    public void Added(long values) => _pending += values;

    /// <summary>Records that the lanes were folded and cleared.</summary>
    public void Folded() => _pending = 0;
}
