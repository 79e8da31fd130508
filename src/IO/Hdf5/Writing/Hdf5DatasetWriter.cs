using System.Numerics;
using System.Runtime.InteropServices;
using Tessera.IO.Hdf5.Writing;

namespace Tessera.IO.Hdf5;

/// <summary>
/// A dataset being written. Contiguous datasets take any block (<see cref="WriteBlock"/>);
/// chunked datasets take whole chunks, compressed as they arrive, so a dataset larger than
/// memory is written chunk by chunk. Writes are thread-safe: chunks may arrive from many threads.
/// </summary>
/// <typeparam name="T">Element type: float, double, or an integer of 1 to 8 bytes.</typeparam>
public sealed partial class Hdf5DatasetWriter<T> : Hdf5ObjectWriter, IDatasetMetadata where T : unmanaged, INumberBase<T>
{
    private readonly long _dataAddress = -1;
    private readonly Dictionary<long, ChunkBTree.Entry> _chunks = [];

    internal Hdf5DatasetWriter(Hdf5Writer file, string path, long[] shape, Hdf5DatasetOptions options, T? fillValue)
        : base(file, path)
    {
        Shape = shape;
        Options = options;
        FillValue = fillValue;
        ElementSize = Marshal.SizeOf<T>();
        options.Validate(path, shape, ElementSize);
        if (options.Chunks is null)
        {
            _dataAddress = file.Space.Allocate(ElementCount * ElementSize);
        }
    }

    /// <summary>The dataset's shape.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>How it is stored.</summary>
    public Hdf5DatasetOptions Options { get; }

    internal T? FillValue { get; }

    /// <summary>Bytes per element.</summary>
    public int ElementSize { get; }

    /// <summary>Elements in the dataset.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    long[] IDatasetMetadata.ShapeArray => [.. Shape];

    byte[] IDatasetMetadata.Datatype => DatatypeEncoding.For(typeof(T));

    byte[] IDatasetMetadata.FillBytes => FillValue is { } fill ? MemoryMarshal.AsBytes([fill]).ToArray() : [];

    /// <summary>Writes the whole dataset from <paramref name="data"/> (row-major).</summary>
    public void Write(ReadOnlySpan<T> data) => WriteBlock(new long[Shape.Count], [.. Shape], data);

    /// <summary>
    /// Writes a block starting at <paramref name="offset"/> with shape <paramref name="blockShape"/>
    /// (row-major data). For a chunked dataset the block must cover whole chunks (edge chunks
    /// may be clipped at the dataset's end).
    /// </summary>
    public void WriteBlock(long[] offset, long[] blockShape, ReadOnlySpan<T> data)
    {
        File.ThrowIfClosed();
        CheckBlock(offset, blockShape, data.Length);
        if (Options.Chunks is null)
        {
            WriteContiguous(offset, blockShape, data);
        }
        else
        {
            WriteChunks(offset, blockShape, data);
        }
    }

    private void CheckBlock(long[] offset, long[] blockShape, int length)
    {
        if (offset.Length != Shape.Count || blockShape.Length != Shape.Count)
        {
            throw new ArgumentException(
                $"Dataset '{Path}' has {Shape.Count} dimensions; the block has offset rank {offset.Length} and shape rank {blockShape.Length}.");
        }
        long count = 1;
        for (var d = 0; d < Shape.Count; d++)
        {
            if (offset[d] < 0 || blockShape[d] < 0 || offset[d] + blockShape[d] > Shape[d])
            {
                throw new ArgumentOutOfRangeException(nameof(offset),
                    $"Block [{string.Join(", ", offset)}] + [{string.Join(", ", blockShape)}] reaches past dataset '{Path}' of shape [{string.Join(", ", Shape)}] on axis {d}.");
            }
            count *= blockShape[d];
        }
        if (length >= 0 && count != length) // -1: the data comes later (BeginChunkRows)
        {
            throw new ArgumentException(
                $"A block of shape [{string.Join(", ", blockShape)}] holds {count} elements, but {length} were given.");
        }
    }
}
