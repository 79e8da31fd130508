namespace Tessera.Arrays;

/// <summary>
/// What to select on one axis, as one item of NumPy's <c>x[...]</c>: an integer (drops the
/// axis), a range (keeps it) or a stepped slice. Converts implicitly from <see cref="int"/>,
/// <see cref="long"/>, <see cref="System.Index"/> and <see cref="System.Range"/>, so
/// <c>x[.., 0..10]</c>, <c>x[^1]</c> and <c>x[2, ..]</c> work on a <see cref="BlockedArray{T}"/>.
/// </summary>
public readonly record struct AxisIndex
{
    private AxisIndex(bool isInteger, long? start, long? stop, long step)
    {
        IsInteger = isInteger;
        Start = start;
        Stop = stop;
        Step = step;
    }

    /// <summary>True for an integer index, which selects one position and drops the axis.</summary>
    public bool IsInteger { get; }

    /// <summary>The integer, or the slice's start; negative counts from the end; null is the default end for the step's direction.</summary>
    public long? Start { get; }

    /// <summary>The slice's exclusive stop; negative counts from the end; null runs to the end for the step's direction.</summary>
    public long? Stop { get; }

    /// <summary>The slice's step (1 for integers); negative walks backwards.</summary>
    public long Step { get; }

    /// <summary>The whole axis (<c>..</c> or NumPy's <c>:</c>).</summary>
    public static AxisIndex All => new(false, null, null, 1);

    /// <summary>One position, counted from the end when negative (NumPy's <c>x[-1]</c>); drops the axis.</summary>
    public static AxisIndex At(long index) => new(true, index, null, 1);

    /// <summary>NumPy's <c>start:stop:step</c>: nulls mean the default ends, negatives count from the end, the step may be negative.</summary>
    public static AxisIndex Slice(long? start, long? stop, long step = 1) =>
        step != 0 ? new(false, start, stop, step) : throw new ArgumentException("slice step cannot be zero.", nameof(step));

    /// <summary>An integer index (drops the axis).</summary>
    public static implicit operator AxisIndex(int index) => At(index);

    /// <summary>An integer index (drops the axis).</summary>
    public static implicit operator AxisIndex(long index) => At(index);

    /// <summary>An index such as <c>^1</c> (the last position); drops the axis.</summary>
    public static implicit operator AxisIndex(Index index) => At(End(index));

    /// <summary>A range such as <c>2..^1</c>, with step 1; keeps the axis. Ends beyond the axis are clipped, as NumPy slices are.</summary>
    public static implicit operator AxisIndex(Range range) => new(false, End(range.Start), End(range.End), 1);

    /// <summary>
    /// A range end as a slice end: <c>^k</c> is −k, except <c>^0</c>, "the end", which −0 cannot
    /// say; it becomes a position past any axis, which slicing clips to the length.
    /// </summary>
    private static long End(Index index) => !index.IsFromEnd ? index.Value : index.Value == 0 ? long.MaxValue : -(long)index.Value;

    /// <summary>NumPy's spelling: <c>3</c>, <c>-1</c>, <c>1:5</c>, <c>::-1</c>.</summary>
    public override string ToString() =>
        IsInteger ? $"{Start}" : $"{Start}:{Stop}{(Step != 1 ? $":{Step}" : "")}";
}
