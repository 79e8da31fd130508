namespace Tessera.Diagnostics;

/// <summary>
/// Keeps the <see cref="MemorySummary"/> of the last run it observed, and counts spill and restore
/// events as they happen: add it to <see cref="ComputeOptions.Observers"/> to see what a
/// collection's Compute did with memory (GraphRunner also returns it in ExecutionStatistics.Memory).
/// </summary>
public sealed class MemorySummaryRecorder : IComputeObserver
{
    private long _spilledBytes;
    private long _restoredBytes;
    private int _spills;
    private int _restores;

    /// <summary>The summary of the last finished run; null before one finishes.</summary>
    public MemorySummary? Last { get; private set; }

    /// <summary>Bytes spilled, from the events, over every run observed.</summary>
    public long SpilledBytes => Interlocked.Read(ref _spilledBytes);

    /// <summary>Bytes restored, from the events, over every run observed.</summary>
    public long RestoredBytes => Interlocked.Read(ref _restoredBytes);

    /// <summary>Spill events seen.</summary>
    public int Spills => Volatile.Read(ref _spills);

    /// <summary>Restore events seen.</summary>
    public int Restores => Volatile.Read(ref _restores);

    /// <inheritdoc />
    public void OnSpilled(in SpillEvent spill)
    {
        Interlocked.Add(ref _spilledBytes, spill.Bytes);
        Interlocked.Increment(ref _spills);
    }

    /// <inheritdoc />
    public void OnRestored(in SpillEvent restore)
    {
        Interlocked.Add(ref _restoredBytes, restore.Bytes);
        Interlocked.Increment(ref _restores);
    }

    /// <inheritdoc />
    public void OnMemorySummary(MemorySummary summary) => Last = summary;
}
