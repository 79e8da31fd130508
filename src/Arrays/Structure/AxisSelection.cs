namespace Tessera.Arrays.Structure;

/// <summary>
/// An <see cref="AxisIndex"/> resolved against an axis length: the positions start,
/// start + step, … (count of them), and whether the axis is dropped. Follows NumPy's slice
/// rules: out-of-range slice ends clip, integers out of range are an error.
/// </summary>
internal readonly record struct AxisSelection(long Start, long Step, long Count, bool Drop)
{
    public static AxisSelection Resolve(AxisIndex index, long length, int axis)
    {
        if (index.IsInteger)
        {
            return new(Position(index.Start!.Value, length, axis), 1, 1, true);
        }
        var step = index.Step;
        var start = Clip(index.Start, length, step, forStart: true);
        var stop = Clip(index.Stop, length, step, forStart: false);
        var count = step > 0
            ? (start < stop ? ((stop - start - 1) / step) + 1 : 0)
            : (stop < start ? ((start - stop - 1) / -step) + 1 : 0);
        return new(start, step, count, false);
    }

    /// <summary>An integer index in range, negatives counted from the end (NumPy's message when not).</summary>
    public static long Position(long index, long length, int axis)
    {
        var position = index < 0 ? index + length : index;
        if (position < 0 || position >= length)
        {
            // ^0 arrives as long.MaxValue (see AxisIndex): name it as the user wrote it.
            var given = index == long.MaxValue ? "^0" : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new IndexOutOfRangeException($"index {given} is out of bounds for axis {axis} with size {length}.");
        }
        return position;
    }

    /// <summary>NumPy's PySlice_AdjustIndices for one end: defaults by direction, negatives from the end, clipping.</summary>
    private static long Clip(long? end, long length, long step, bool forStart)
    {
        if (end is not { } value)
        {
            return step > 0 ? (forStart ? 0 : length) : (forStart ? length - 1 : -1);
        }
        if (value < 0)
        {
            value += length;
            return value >= 0 ? value : (step > 0 ? 0 : -1);
        }
        return value < length ? value : (step > 0 ? length : length - 1);
    }
}
