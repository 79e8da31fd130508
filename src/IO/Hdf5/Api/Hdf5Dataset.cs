namespace Tessera.IO.Hdf5;

/// <summary>How a dataset's elements are stored.</summary>
public enum Hdf5Layout
{
    /// <summary>Inside the object header.</summary>
    Compact,
    /// <summary>One contiguous block in the file.</summary>
    Contiguous,
    /// <summary>Equally shaped chunks, possibly filtered, found through a chunk index.</summary>
    Chunked,
}

/// <summary>One chunk as stored in the file: still filtered (e.g. compressed).</summary>
/// <param name="Data">The stored bytes.</param>
/// <param name="FilterMask">Bit i set: filter i of the pipeline was skipped for this chunk.</param>
public sealed record Hdf5RawChunk(byte[] Data, uint FilterMask);

/// <summary>
/// A dataset: an n-dimensional array of one element type. Metadata is decoded when the dataset
/// is opened; elements are read on demand with <see cref="Read{T}()"/>.
/// </summary>
public sealed partial class Hdf5Dataset
{
    private readonly Hdf5Context _ctx;
    private readonly DatatypeMessage _type;
    private readonly IChunkSource _source;
    private readonly Lazy<IReadOnlyDictionary<string, Hdf5Attribute>> _attributes;
    private readonly byte[]? _fillValue;
    private readonly long[] _shape;
    private readonly long[] _maxShape;
    private readonly long _headerOffset;

    internal Hdf5Dataset(Hdf5Context ctx, string path, ObjectHeader header)
    {
        _ctx = ctx;
        Path = path;
        var space = DatasetMessages.Dataspace(ctx, header);
        _type = DatasetMessages.Datatype(ctx, header);
        var layout = DatasetMessages.Layout(ctx, header);
        Filters = DatasetMessages.Filters(ctx, header);
        _fillValue = DatasetMessages.FillValue(ctx, header);
        _shape = space.IsNull ? [] : space.Dimensions;
        _maxShape = space.MaxDimensions;
        ElementType = _type.ToPublic();
        long headerOffset = ctx.Absolute(header.Address, "object header");
        _headerOffset = headerOffset;
        if (space.ElementCount > long.MaxValue / 2 / Math.Max(1, _type.Size))
        {
            throw new Hdf5FormatException("dataspace message", headerOffset,
                $"{space.ElementCount} elements of {_type.Size} bytes cannot be addressed.");
        }
        if (_fillValue is not null && _fillValue.Length != _type.Size)
        {
            throw new Hdf5FormatException("fill value message", headerOffset,
                $"the fill value has {_fillValue.Length} bytes; the datatype's elements have {_type.Size}.");
        }
        Layout = (Hdf5Layout)layout.Class;
        ChunkIndex = layout.Class == LayoutClass.Chunked ? layout.IndexType : null;
        LayoutMessage = layout;
        _source = layout.Class switch
        {
            LayoutClass.Compact => new CompactSource(layout, _shape, _type.Size, headerOffset),
            LayoutClass.Contiguous => new ContiguousSource(ctx, layout, _shape, _type.Size, _fillValue, headerOffset),
            _ => Chunked(ctx, header, layout, headerOffset),
        };
        _attributes = new(() => AttributeReader.Read(ctx, header));
        ModificationTime = ModificationTimeMessage.Read(ctx, header);
    }

    /// <summary>
    /// When the dataset was last modified, as its modification time message records it (version-1
    /// object headers written with time tracking, and the old form of HDF5 before 1.6); otherwise null.
    /// </summary>
    public DateTimeOffset? ModificationTime { get; }

    /// <summary>The absolute path of the dataset.</summary>
    public string Path { get; }

    /// <summary>Current size of each axis (empty for a scalar); a fresh copy on every call.</summary>
    public long[] Shape => (long[])_shape.Clone();

    /// <summary>Maximum size of each axis; -1 marks an unlimited axis.</summary>
    public long[] MaxShape => (long[])_maxShape.Clone();

    /// <summary>Chunk size of each axis, or null when the dataset is not chunked.</summary>
    public long[]? ChunkShape => Layout == Hdf5Layout.Chunked ? (long[])_source.ChunkShape.Clone() : null;

    /// <summary>Which chunk index the file uses (null when not chunked); lets tests prove each index kind is exercised.</summary>
    internal ChunkIndexType? ChunkIndex { get; }

    /// <summary>The decoded layout message (tests use its index address to build corrupt files).</summary>
    internal DataLayoutMessage LayoutMessage { get; }

    /// <summary>The storage layout.</summary>
    public Hdf5Layout Layout { get; }

    /// <summary>The stored element type.</summary>
    public Hdf5DataType ElementType { get; }

    /// <summary>The filter pipeline in the order the writer applied it (empty when unfiltered).</summary>
    public IReadOnlyList<Hdf5Filter> Filters { get; }

    /// <summary>
    /// The fill value defined in the file (a long, ulong, double or string, as for attributes),
    /// or null when none is defined; unwritten elements then read as zero.
    /// </summary>
    public object? FillValue => _fillValue is null ? null
        : ValueDecoder.Decode(_ctx, _type, new DataspaceMessage { Dimensions = [], MaxDimensions = [] }, _fillValue, -1);

    /// <summary>The dataset's attributes, by name.</summary>
    public IReadOnlyDictionary<string, Hdf5Attribute> Attributes => _attributes.Value;

    /// <summary>Number of chunks actually stored in the file (0 for unchunked datasets).</summary>
    public int StoredChunkCount => _source is ChunkedSource c ? c.StoredChunkCount : 0;

    /// <summary>
    /// The chunk at chunk-grid position <paramref name="chunkIndex"/> exactly as stored (still
    /// compressed), with its filter mask; null when that chunk was never written.
    /// </summary>
    /// <param name="chunkIndex">Chunk coordinates, one per axis (element offset / chunk size).</param>
    public Hdf5RawChunk? ReadChunkRaw(params long[] chunkIndex)
    {
        if (_source is not ChunkedSource chunked)
        {
            throw new InvalidOperationException($"Dataset \"{Path}\" is {Layout}, not chunked; read it with Read<T>() instead.");
        }
        if (chunkIndex.Length != _shape.Length)
        {
            throw new ArgumentException($"chunkIndex has {chunkIndex.Length} values; dataset \"{Path}\" has {_shape.Length} axes.", nameof(chunkIndex));
        }
        return chunked.GetRaw(chunkIndex) is { } raw ? new Hdf5RawChunk(raw.Data, raw.FilterMask) : null;
    }

    private ChunkedSource Chunked(Hdf5Context ctx, ObjectHeader header, DataLayoutMessage layout, long headerOffset)
    {
        if (layout.ChunkDimensions.Length != _shape.Length)
        {
            throw new Hdf5FormatException("data layout message", headerOffset,
                $"chunks have {layout.ChunkDimensions.Length} dimensions; the dataspace has {_shape.Length}.");
        }
        long chunkBytes;
        try
        {
            chunkBytes = checked(ChunkGrid.Product(layout.ChunkDimensions) * _type.Size);
        }
        catch (OverflowException)
        {
            chunkBytes = long.MaxValue;
        }
        if (chunkBytes > Array.MaxLength)
        {
            throw new Hdf5FormatException("data layout message", headerOffset,
                $"a chunk of shape [{string.Join(", ", layout.ChunkDimensions)}] x {_type.Size} bytes exceeds the 2 GiB a chunk may hold.");
        }
        return new ChunkedSource(ctx, header.Address, layout, _shape, _maxShape, _type.Size, Filters, _fillValue, chunkBytes);
    }
}
