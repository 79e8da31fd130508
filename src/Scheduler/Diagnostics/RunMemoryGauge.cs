namespace Tessera.Scheduling;

/// <summary>
/// A run's <see cref="IMemoryGauge"/>: reads the host and device tiers' counters under the ready
/// queue's lock, so a reading is consistent and the tiers' lists are never enumerated while they
/// change. Readers sample a few times a second; the workers never call it, so it costs the run
/// only the lock held for a few loads at each sample.
/// </summary>
internal sealed class RunMemoryGauge(ReadyQueue queue) : IMemoryGauge
{
    private IHostTier? _host;
    private IDeviceTier? _devices;

    /// <summary>The tiers exist only after observers heard the run start; until then the gauge reads zero.</summary>
    public void Attach(IHostTier host, IDeviceTier devices)
    {
        lock (queue.Gate)
        {
            _host = host;
            _devices = devices;
        }
    }

    public MemoryLevels Read()
    {
        lock (queue.Gate)
        {
            if (_host is null)
            {
                return default;
            }
            var (held, onDisk) = _host.Levels;
            var ledger = _devices?.Ledger;
            return new MemoryLevels(ledger?.Held ?? 0, held, onDisk, ledger?.MovedBytes ?? 0);
        }
    }
}
