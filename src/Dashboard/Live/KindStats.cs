namespace Tessera.Diagnostics;

/// <summary>Counts and times of one task kind in one run, kept by <see cref="RunAggregate"/>.</summary>
internal sealed class KindStats(string kind, int index)
{
    public string Kind { get; } = kind;

    /// <summary>Position in first-seen order; the pages colour kinds by it.</summary>
    public int Index { get; } = index;

    /// <summary>Tasks of this kind in the run's graph (0 when the graph is unknown).</summary>
    public int Total { get; set; }

    public int Done { get; set; }

    public int Failed { get; set; }

    public int Running { get; set; }

    public long Ticks { get; set; }

    public long LongestTicks { get; set; }

    public long Bytes { get; set; }
}
