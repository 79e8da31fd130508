namespace Tessera.Diagnostics;

/// <summary>What one worker thread did in one run, kept by <see cref="RunAggregate"/>.</summary>
internal sealed class WorkerStats
{
    public int Done { get; set; }

    public int Failed { get; set; }

    public long BusyTicks { get; set; }

    public long Bytes { get; set; }
}
