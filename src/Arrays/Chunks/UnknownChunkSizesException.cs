namespace Tessera.Arrays;

/// <summary>
/// An operation needed the block sizes of an axis whose sizes are unknown (after boolean-mask
/// indexing). The fix is always the same: <c>x = x.ComputeChunkSizes()</c> measures them.
/// </summary>
public sealed class UnknownChunkSizesException : InvalidOperationException
{
    /// <summary>An exception with the standard advice.</summary>
    public UnknownChunkSizesException()
        : base("Block sizes are unknown. " + ChunkGrid.ComputeChunkSizesHint)
    {
    }

    /// <summary>An exception with <paramref name="message"/>.</summary>
    public UnknownChunkSizesException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/> and its cause.</summary>
    public UnknownChunkSizesException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An exception about <paramref name="axis"/>.</summary>
    public UnknownChunkSizesException(string message, int axis)
        : base(message) => Axis = axis;

    /// <summary>The axis whose sizes were needed, when one was.</summary>
    public int? Axis { get; }
}
