namespace Tessera;

/// <summary>Bytes of task results in each tier at one moment of a run (see <see cref="IMemoryGauge"/>).</summary>
/// <param name="DeviceHeld">Results held in accelerator memory.</param>
/// <param name="HostHeld">Results held in host memory (including device results moved to host).</param>
/// <param name="OnDisk">Results spilled to disk.</param>
/// <param name="MovedToHost">Bytes moved out of device memory to host over the run so far (evictions).</param>
public readonly record struct MemoryLevels(long DeviceHeld, long HostHeld, long OnDisk, long MovedToHost);

/// <summary>
/// Reads a running computation's memory levels. Observers sample it from their own thread (a
/// dashboard a few times a second) rather than being told of every change, which keeps the
/// scheduler's hot path free of it. Figures are read without the scheduler's lock, so they may be
/// a moment old but are never torn.
/// </summary>
public interface IMemoryGauge
{
    /// <summary>The levels now.</summary>
    MemoryLevels Read();
}
