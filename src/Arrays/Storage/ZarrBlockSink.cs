using Tessera.IO.Zarr;

namespace Tessera.Arrays;

/// <summary>A <see cref="IBlockSink{T}"/> that writes each block's chunks into a Zarr array.</summary>
/// <param name="writer">The array being written; blocks must cover whole chunks.</param>
public sealed class ZarrBlockSink<T>(ZarrArrayWriter writer) : IBlockSink<T> where T : unmanaged
{
    private readonly ZarrArrayWriter _writer = writer ?? throw new ArgumentNullException(nameof(writer));

    /// <inheritdoc />
    public IReadOnlyList<long> Shape => _writer.Shape;

    /// <inheritdoc />
    public void Write(long[] offset, long[] shape, ReadOnlySpan<T> values) => _writer.WriteBlock(offset, shape, values);
}
