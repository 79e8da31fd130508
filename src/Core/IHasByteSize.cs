namespace Tessera;

/// <summary>
/// A task result that knows how many bytes it holds (chunks, device buffers, partitions).
/// The scheduler reports this size to observers and, later, counts it against memory budgets.
/// </summary>
public interface IHasByteSize
{
    /// <summary>Bytes held by this result.</summary>
    long ByteSize { get; }
}
