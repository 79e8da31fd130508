namespace Tessera.IO.Hdf5;

/// <summary>Compact storage: the data sits inside the layout message; one block is the whole dataset.</summary>
internal sealed class CompactSource : IChunkSource
{
    private readonly byte[] _data;

    public CompactSource(DataLayoutMessage layout, long[] dims, int elementSize, long headerOffset)
    {
        long need = checked(ChunkGrid.Product(dims) * elementSize);
        if (layout.CompactData.Length < need)
        {
            throw new Hdf5FormatException("data layout message", headerOffset,
                $"compact storage holds {layout.CompactData.Length} bytes; the dataspace and datatype need {need}.");
        }
        _data = layout.CompactData;
        ChunkShape = dims.Select(d => Math.Max(1, d)).ToArray();
    }

    public long[] ChunkShape { get; }

    public byte[] GetChunk(long[] coords) => _data;
}
