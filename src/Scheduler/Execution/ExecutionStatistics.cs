namespace Tessera.Scheduling;

/// <summary>What a finished run measured.</summary>
/// <param name="TasksRun">Tasks that completed.</param>
/// <param name="PeakResultsHeld">The most task results held in memory at once.</param>
/// <param name="Workers">Worker threads used.</param>
/// <param name="Elapsed">Wall time of the run (ordering excluded).</param>
public sealed record ExecutionStatistics(int TasksRun, int PeakResultsHeld, int Workers, TimeSpan Elapsed)
{
    /// <summary>What the run did with memory: bytes spilled and peak bytes per tier.</summary>
    public MemorySummary? Memory { get; init; }
}
