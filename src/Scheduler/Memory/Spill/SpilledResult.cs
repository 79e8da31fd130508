using System.Runtime.ExceptionServices;

namespace Tessera.Scheduling;

/// <summary>
/// Stands in a result slot for a result that lives in a spill file. Restoring is done once per
/// handle, under its own lock, so a prefetch and the task that needs the result never read the
/// file twice, and whoever comes second gets the object the first read.
/// </summary>
internal sealed class SpilledResult(string key, string path, long bytes, long fileLength, ulong checksum, ISpillCodec codec)
{
    private readonly Lock _gate = new();
    private ISpillable? _restored;
    private ExceptionDispatchInfo? _failure;
    private int _prefetchClaimed;

    public string Key => key;

    public string Path => path;

    /// <summary>The result's <see cref="IHasByteSize.ByteSize"/>, counted against the disk tier while spilled.</summary>
    public long Bytes => bytes;

    public long FileLength => fileLength;

    public ulong Checksum => checksum;

    public ISpillCodec Codec => codec;

    /// <summary>True once a prefetch has the result in memory.</summary>
    public bool IsRestored => Volatile.Read(ref _restored) is not null;

    /// <summary>True for the first caller only: one prefetch per handle.</summary>
    public bool TryClaimPrefetch() => Interlocked.Exchange(ref _prefetchClaimed, 1) == 0;

    /// <summary>The result, read from the file on the first call.</summary>
    public ISpillable Restore(SpillStore store)
    {
        lock (_gate)
        {
            _failure?.Throw();
            if (_restored is null)
            {
                try
                {
                    _restored = store.Read(this);
                }
                catch (Exception e)
                {
                    _failure = ExceptionDispatchInfo.Capture(e);
                    throw;
                }
            }
            return _restored;
        }
    }
}
