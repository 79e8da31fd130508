namespace Tessera;

/// <summary>
/// What one run did with memory, given to <see cref="IComputeObserver.OnMemorySummary"/> before
/// <see cref="IComputeObserver.OnRunFinished"/>. Per-tier figures are indexed by <see cref="MemoryTier"/>.
/// </summary>
/// <param name="HostLimit">The host budget the run used (<see cref="ComputeOptions.EffectiveMemoryLimit"/>).</param>
/// <param name="SpilledBytes">Bytes moved out of each tier (Device: device → host; Host: host → disk), summed over the run.</param>
/// <param name="RestoredBytes">Bytes moved back into each tier (Device: host → device, once per task reading a moved
/// result; Host: disk → host), summed over the run.</param>
/// <param name="PeakBytes">The most bytes of task results held in each tier at once.</param>
/// <param name="Spills">Results spilled (or moved device → host), all tiers together.</param>
/// <param name="Restores">Results restored (disk → host, or host → device), all tiers together.</param>
public sealed record MemorySummary(
    long HostLimit,
    IReadOnlyList<long> SpilledBytes,
    IReadOnlyList<long> RestoredBytes,
    IReadOnlyList<long> PeakBytes,
    int Spills,
    int Restores)
{
    /// <summary>
    /// The device budget the run used (<see cref="ComputeOptions.DeviceMemoryLimit"/>, else 80% of the
    /// device's memory; with several devices, the first that held a result); null when no result lived on a device.
    /// </summary>
    public long? DeviceLimit { get; init; }

    /// <summary>Bytes spilled out of <paramref name="tier"/>.</summary>
    public long SpilledFrom(MemoryTier tier) => SpilledBytes[(int)tier];

    /// <summary>Bytes restored into <paramref name="tier"/>.</summary>
    public long RestoredInto(MemoryTier tier) => RestoredBytes[(int)tier];

    /// <summary>The most bytes held in <paramref name="tier"/> at once.</summary>
    public long PeakIn(MemoryTier tier) => PeakBytes[(int)tier];

    /// <inheritdoc />
    public override string ToString() =>
        (DeviceLimit is { } device
            ? $"device limit {device:N0} B, peak {PeakIn(MemoryTier.Device):N0} B, moved to host {SpilledFrom(MemoryTier.Device):N0} B, back {RestoredInto(MemoryTier.Device):N0} B; "
            : "") +
        $"host limit {HostLimit:N0} B; peak host {PeakIn(MemoryTier.Host):N0} B, disk {PeakIn(MemoryTier.Disk):N0} B; " +
        $"spilled {SpilledFrom(MemoryTier.Host):N0} B in {Spills} results, restored {RestoredInto(MemoryTier.Host):N0} B in {Restores}";
}
