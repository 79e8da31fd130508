namespace Tessera;

/// <summary>
/// A task result the scheduler may move out of memory when a memory budget is exceeded:
/// it knows its exact size, writes itself to a stream, and names the codec that reads it back.
/// The scheduler counts it at <see cref="IHasByteSize.ByteSize"/> against the host budget; results
/// that are not spillable stay in memory and count at an estimate.
/// </summary>
/// <remarks>
/// Restoring goes through <see cref="SpillCodec"/>, an object the result type hands out (usually a
/// static singleton), so the scheduler never needs reflection to find a constructor. A restored
/// result must be equal, bit for bit, to the one that was spilled; the scheduler checksums the
/// bytes in between, so codecs need not.
/// </remarks>
public interface ISpillable : IHasByteSize
{
    /// <summary>The codec whose <see cref="ISpillCodec.Restore(Stream)"/> reads what <see cref="SpillTo(Stream)"/> wrote.</summary>
    ISpillCodec SpillCodec { get; }

    /// <summary>Writes everything needed to rebuild this result to <paramref name="destination"/>.</summary>
    void SpillTo(Stream destination);
}

/// <summary>Rebuilds spilled results of one type from what their <see cref="ISpillable.SpillTo(Stream)"/> wrote.</summary>
public interface ISpillCodec
{
    /// <summary>Reads one result from <paramref name="source"/> and returns it as a new object.</summary>
    ISpillable Restore(Stream source);
}
