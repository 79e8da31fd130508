using System.Numerics;
using Tessera.Arrays.Storage;
using Tessera.IO.Hdf5;

namespace Tessera.Arrays;

/// <summary>
/// A sink over a dataset being written (<see cref="Hdf5Writer.CreateDataset{T}"/>). A chunked
/// dataset takes only blocks made of whole storage chunks (clipped at the end): rechunk the
/// array to multiples of the storage chunks first, or use <c>ToHdf5</c>, which does.
/// A block that is one unfiltered chunk may also arrive in bands of rows, written straight to
/// the chunk's place in the file.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class Hdf5BlockSink<T>(Hdf5DatasetWriter<T> dataset) : IRowBandSink<T> where T : unmanaged, INumberBase<T>
{
    private readonly Hdf5DatasetWriter<T> _dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));

    /// <inheritdoc />
    public IReadOnlyList<long> Shape => [.. _dataset.Shape];

    /// <inheritdoc />
    public void Write(long[] offset, long[] shape, ReadOnlySpan<T> values) => _dataset.WriteBlock(offset, shape, values);

    IRowBands<T>? IRowBandSink<T>.BeginRowBands(long[] offset, long[] shape) =>
        _dataset.BeginChunkRows(offset, shape) is { } chunk ? new ChunkBands(chunk) : null;

    private sealed class ChunkBands(Hdf5ChunkRows<T> chunk) : IRowBands<T>
    {
        public void Write(long firstRow, ReadOnlySpan<T> rows) => chunk.Write(firstRow, rows);

        public void Complete() => chunk.Complete();
    }
}
