namespace Tessera.Kernels.Backends;

/// <summary>
/// Positions along one axis of a block: an arithmetic run start, start + step, … (slices,
/// flips, broadcasts with step 0), held in three numbers however long the axis, or an
/// explicit list (takes), which costs one int per index the user gave.
/// </summary>
internal readonly record struct AxisPositions(int Start, int Step, int Count, int[]? Explicit = null)
{
    public static AxisPositions Listed(int[] positions) => new(0, 0, positions.Length, positions);

    public int this[int i] => Explicit is { } list ? list[i] : Start + (i * Step);

    /// <summary>Consecutive positions: the gather copies them as one run.</summary>
    public bool IsRun => Explicit is null ? Step == 1 || Count <= 1 : Consecutive(Explicit);

    private static bool Consecutive(int[] list)
    {
        for (var i = 1; i < list.Length; i++)
        {
            if (list[i] != list[0] + i)
            {
                return false;
            }
        }
        return true;
    }
}
