namespace Tessera;

/// <summary>A result moved between memory tiers (see <see cref="IComputeObserver.OnSpilled"/>).</summary>
/// <param name="Key">The task whose result moved.</param>
/// <param name="From">The tier it left.</param>
/// <param name="To">The tier it reached.</param>
/// <param name="Bytes">Its size in bytes.</param>
/// <param name="Timestamp">When the move finished, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</param>
public readonly record struct SpillEvent(string Key, MemoryTier From, MemoryTier To, long Bytes, long Timestamp);
