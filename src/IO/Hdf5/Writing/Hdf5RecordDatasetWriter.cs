using System.Buffers;
using Tessera.IO.Hdf5.Writing;

namespace Tessera.IO.Hdf5;

/// <summary>
/// A dataset of records (compound) or strings being written. Its elements are packed into
/// bytes one block at a time (a chunk, or about 1 MiB of a contiguous dataset) and written
/// before the next block is packed, so writing holds one block beside the caller's data.
/// </summary>
public sealed class Hdf5RecordDatasetWriter : Hdf5ObjectWriter, IDatasetMetadata
{
    private const long ContiguousBlockBytes = 1 << 20;
    private readonly byte[] _datatype;
    private readonly List<ChunkBTree.Entry> _chunks = [];
    private long _dataAddress = -1;

    /// <summary>Packs elements [first, first + count) into a span of count x element-size bytes.</summary>
    internal delegate void Packer(long first, int count, Span<byte> destination);

    internal Hdf5RecordDatasetWriter(Hdf5Writer file, string path, long[] shape, byte[] datatype, int elementSize, Hdf5DatasetOptions options)
        : base(file, path)
    {
        Shape = shape;
        _datatype = datatype;
        ElementSize = elementSize;
        Options = options;
        options.Validate(path, shape, elementSize);
        if (options.Chunks is not null && shape.Length != 1)
        {
            throw new ArgumentException(
                $"Dataset '{Path}': chunked record and string datasets must be one-dimensional (shape [{string.Join(", ", shape)}]). Store it contiguous (Chunks = null) or flatten it.");
        }
    }

    /// <summary>The dataset's shape.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>How it is stored.</summary>
    public Hdf5DatasetOptions Options { get; }

    /// <summary>Bytes per element (record).</summary>
    public int ElementSize { get; }

    /// <summary>Elements in the dataset.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    long[] IDatasetMetadata.ShapeArray => [.. Shape];

    byte[] IDatasetMetadata.Datatype => _datatype;

    byte[] IDatasetMetadata.FillBytes => [];

    long IDatasetMetadata.DataAddress => _dataAddress;

    IReadOnlyList<ChunkBTree.Entry> IDatasetMetadata.WrittenChunks => _chunks;

    /// <summary>Writes every element, block by block, from <paramref name="pack"/>.</summary>
    internal void Write(Packer pack)
    {
        File.ThrowIfClosed();
        long total = ElementCount;
        if (Options.Chunks is not { } chunks)
        {
            _dataAddress = File.Space.Allocate(total * ElementSize);
            int perBlock = (int)Math.Max(1, ContiguousBlockBytes / ElementSize);
            var block = ArrayPool<byte>.Shared.Rent(perBlock * ElementSize);
            try
            {
                for (long first = 0; first < total; first += perBlock)
                {
                    int count = (int)Math.Min(perBlock, total - first);
                    var bytes = block.AsSpan(0, count * ElementSize);
                    pack(first, count, bytes);
                    File.Space.Write(_dataAddress + (first * ElementSize), bytes);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(block);
            }
            return;
        }
        int rows = (int)chunks[0];
        var chunk = ArrayPool<byte>.Shared.Rent(rows * ElementSize);
        try
        {
            for (long first = 0; first < total; first += rows)
            {
                int count = (int)Math.Min(rows, total - first);
                var bytes = chunk.AsSpan(0, rows * ElementSize);
                bytes[(count * ElementSize)..].Clear(); // the edge chunk is stored full size, zero-padded
                pack(first, count, bytes[..(count * ElementSize)]);
                var stored = ChunkFilters.Encode(bytes, ElementSize, Options);
                var address = File.Space.Append(stored);
                _chunks.Add(new ChunkBTree.Entry([first], address, stored.Length, 0));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
