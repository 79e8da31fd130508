namespace Tessera.Arrays.Structure;

/// <summary>Axis arguments checked as NumPy does: negatives count from the end.</summary>
internal static class Axes
{
    /// <summary><paramref name="axis"/> in [0, rank), or NumPy's AxisError message.</summary>
    public static int Normalize(int axis, int rank)
    {
        var normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis,
                $"axis {axis} is out of bounds for array of dimension {rank}. Use 0..{rank - 1}, or -1 for the last axis.");
        }
        return normalized;
    }
}
