namespace Tessera.Arrays.Reductions;

/// <summary>The axes a reduction runs over, validated and sorted, and the grids it passes through.</summary>
internal sealed class ReductionAxes
{
    private ReductionAxes(int[] axes, int rank)
    {
        Axes = axes;
        Rank = rank;
    }

    public int[] Axes { get; }

    public int Rank { get; }

    public bool Contains(int axis) => Array.IndexOf(Axes, axis) >= 0;

    /// <summary>All axes when <paramref name="axes"/> is null or empty; negative axes count from the end.</summary>
    public static ReductionAxes Of(int[]? axes, int rank)
    {
        if (axes is null || axes.Length == 0)
        {
            return new([.. Enumerable.Range(0, rank)], rank);
        }
        var normalized = Kernels.Backends.ReductionTypes.NormalizeAxes(axes, rank); // one rule for every layer
        return new([.. normalized.Order()], rank);
    }

    /// <summary>
    /// Blocks combined at once per reduced axis so that one combine reads about
    /// <paramref name="splitEvery"/> partials in all (dask's split_every spread over the axes).
    /// </summary>
    public int FanIn(int splitEvery)
    {
        if (splitEvery < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(splitEvery), splitEvery, "splitEvery must be at least 2.");
        }
        return Math.Max(2, (int)Math.Floor(Math.Pow(splitEvery, 1.0 / Axes.Length) + 1e-9));
    }

    /// <summary>The grid of <paramref name="grid"/> with each reduced axis cut into <paramref name="blocksPerAxis"/> blocks of 1.</summary>
    public ChunkGrid PartialGrid(ChunkGrid grid, Func<int, int> blocksPerAxis)
    {
        var chunks = new IReadOnlyList<long>[grid.Rank];
        for (var d = 0; d < grid.Rank; d++)
        {
            chunks[d] = Contains(d) ? Enumerable.Repeat(1L, blocksPerAxis(d)).ToArray() : grid.Chunks[d];
        }
        return new ChunkGrid(chunks);
    }
}
