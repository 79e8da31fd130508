using System.Buffers;
using System.IO.Compression;

namespace Tessera.IO.Hdf5.Writing;

/// <summary>The writer's filter pipeline for one full-size chunk: shuffle, then deflate, as h5py applies them.</summary>
internal static class ChunkFilters
{
    public static byte[] Encode(ReadOnlySpan<byte> raw, int elementSize, Hdf5DatasetOptions options)
    {
        if (!options.Shuffle)
        {
            return Deflate(raw, options.CompressionLevel);
        }
        // The shuffled copy is scratch for deflate: pooled, so a long write reuses one buffer.
        var shuffled = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            Shuffle(raw, elementSize, shuffled.AsSpan(0, raw.Length));
            return Deflate(shuffled.AsSpan(0, raw.Length), options.CompressionLevel);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(shuffled);
        }
    }

    private static byte[] Deflate(ReadOnlySpan<byte> data, int level)
    {
        if (level == 0)
        {
            return data.ToArray();
        }
        using var output = new MemoryStream(data.Length / 2);
        using (var zlib = new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = level }))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }

    /// <summary>HDF5's shuffle: byte k of every element together, for k = 0 .. size-1; a partial last element is copied as is.</summary>
    public static void Shuffle(ReadOnlySpan<byte> raw, int elementSize, Span<byte> shuffled)
    {
        var count = raw.Length / elementSize;
        for (var b = 0; b < elementSize; b++)
        {
            var plane = shuffled.Slice(b * count, count);
            for (var i = 0; i < count; i++)
            {
                plane[i] = raw[(i * elementSize) + b];
            }
        }
        raw[(count * elementSize)..].CopyTo(shuffled[(count * elementSize)..]);
    }
}
