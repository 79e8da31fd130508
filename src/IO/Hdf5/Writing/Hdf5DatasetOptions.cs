namespace Tessera.IO.Hdf5;

/// <summary>How a dataset is stored: contiguous (the default) or chunked, optionally compressed.</summary>
public sealed record Hdf5DatasetOptions
{
    /// <summary>Chunk shape, one size per axis; null stores the dataset contiguously. Compression needs chunks.</summary>
    public long[]? Chunks { get; init; }

    /// <summary>Deflate (gzip) level 1–9; 0 (the default) stores chunks uncompressed.</summary>
    public int CompressionLevel { get; init; }

    /// <summary>Byte-shuffle each chunk before compression (HDF5's shuffle filter): helps floats compress.</summary>
    public bool Shuffle { get; init; }

    /// <summary>Checks these options against a dataset of <paramref name="shape"/>; throws with the fix otherwise.</summary>
    internal void Validate(string path, ReadOnlySpan<long> shape, int elementSize)
    {
        if (CompressionLevel is < 0 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(CompressionLevel), CompressionLevel,
                $"Dataset '{path}': compression level must be 0 (none) to 9.");
        }
        if (Chunks is null)
        {
            if (CompressionLevel > 0 || Shuffle)
            {
                throw new ArgumentException(
                    $"Dataset '{path}': compression and shuffle work on chunks. Set Chunks, e.g. Chunks = [{string.Join(", ", shape.ToArray().Select(d => Math.Min(d, 1000)))}].");
            }
            return;
        }
        if (Chunks.Length != shape.Length)
        {
            throw new ArgumentException(
                $"Dataset '{path}': chunks has {Chunks.Length} dimensions; the dataset has {shape.Length}. Pass one chunk size per axis.");
        }
        long bytes = elementSize;
        for (var d = 0; d < shape.Length; d++)
        {
            if (Chunks[d] < 1)
            {
                throw new ArgumentException($"Dataset '{path}': chunk size {Chunks[d]} on axis {d} must be at least 1.");
            }
            bytes *= Chunks[d];
        }
        if (bytes > uint.MaxValue)
        {
            throw new ArgumentException(
                $"Dataset '{path}': a chunk of [{string.Join(", ", Chunks)}] holds {bytes} bytes; HDF5 chunks must stay under 4 GiB. Use smaller chunks.");
        }
    }
}
