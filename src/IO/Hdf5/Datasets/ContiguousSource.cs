namespace Tessera.IO.Hdf5;

/// <summary>
/// Contiguous storage cut into virtual blocks of whole rows (about 1 MiB each) along the first
/// axis, so hyperslabs read only the rows they need and large reads proceed in parallel.
/// </summary>
internal sealed class ContiguousSource : IChunkSource
{
    private const long TargetBlockBytes = 1 << 20;
    private readonly Hdf5Context _ctx;
    private readonly long _address;
    private readonly long _totalBytes;
    private readonly long _blockBytes;
    private readonly FillBlock _fill;

    public ContiguousSource(Hdf5Context ctx, DataLayoutMessage layout, long[] dims, int elementSize, byte[]? fillValue, long headerOffset)
    {
        _ctx = ctx;
        _address = layout.Address;
        _totalBytes = checked(ChunkGrid.Product(dims) * elementSize);
        if (Address.IsDefined(_address))
        {
            if (layout.Size >= 0 && layout.Size < _totalBytes)
            {
                throw new Hdf5FormatException("data layout message", headerOffset,
                    $"contiguous storage holds {layout.Size} bytes; the dataspace and datatype need {_totalBytes}.");
            }
            ctx.Source.CheckRange(ctx.Absolute(_address, "contiguous data"), _totalBytes, "contiguous data");
        }
        if (dims.Length == 0)
        {
            ChunkShape = [];
            _blockBytes = elementSize;
        }
        else
        {
            long rowBytes = Math.Max(1, checked(ChunkGrid.Product(dims.AsSpan(1)) * elementSize));
            long rows = Math.Clamp(TargetBlockBytes / rowBytes, 1, Math.Max(1, dims[0]));
            ChunkShape = [rows, .. dims.AsSpan(1)];
            _blockBytes = rows * rowBytes;
        }
        _fill = new FillBlock(fillValue, _blockBytes);
    }

    public long[] ChunkShape { get; }

    public byte[] GetChunk(long[] coords)
    {
        if (!Address.IsDefined(_address))
        {
            return _fill.Get();
        }
        var block = new byte[_blockBytes];
        ReadPart(coords, 0, block.AsSpan(0, (int)Math.Min(_blockBytes, _totalBytes - Start(coords))));
        return block;
    }

    public void DecodeInto(long[] coords, Span<byte> destination)
    {
        if (!Address.IsDefined(_address))
        {
            _fill.Get().CopyTo(destination);
            return;
        }
        int valid = (int)Math.Min(_blockBytes, _totalBytes - Start(coords));
        ReadPart(coords, 0, destination[..valid]);
        destination[valid..].Clear();
    }

    public bool CanReadParts(long[] coords) => Address.IsDefined(_address);

    public void ReadPart(long[] coords, long offset, Span<byte> destination)
    {
        // The last virtual block may be short: only bytes of the dataset may be asked for.
        var start = Start(coords) + offset;
        if (!Address.IsDefined(_address) || offset < 0 || offset > _blockBytes - destination.Length || start > _totalBytes - destination.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset,
                $"Bytes [{start}, {start + destination.Length}) are not stored data of this dataset ({_totalBytes} bytes).");
        }
        _ctx.Source.ReadInto(_ctx.Absolute(_address, "contiguous data") + start, destination, "contiguous data");
    }

    private long Start(long[] coords) => coords.Length == 0 ? 0 : coords[0] * _blockBytes;
}
