namespace Tessera.Diagnostics;

/// <summary>Bytes and counts moved between tiers during a run; spills are rare, so interlocked adds suffice.</summary>
internal sealed class SpillCounters
{
    private long _spilledBytes;
    private long _restoredBytes;
    private int _spills;
    private int _restores;

    public long SpilledBytes => Interlocked.Read(ref _spilledBytes);

    public long RestoredBytes => Interlocked.Read(ref _restoredBytes);

    public int Spills => Volatile.Read(ref _spills);

    public int Restores => Volatile.Read(ref _restores);

    public void Spilled(long bytes)
    {
        Interlocked.Add(ref _spilledBytes, bytes);
        Interlocked.Increment(ref _spills);
    }

    public void Restored(long bytes)
    {
        Interlocked.Add(ref _restoredBytes, bytes);
        Interlocked.Increment(ref _restores);
    }
}
