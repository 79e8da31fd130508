using System.IO.Compression;

namespace Tessera.IO.Hdf5.Writing;

/// <summary>The writer's filter pipeline for one full-size chunk: shuffle, then deflate, as h5py applies them.</summary>
internal static class ChunkFilters
{
    public static byte[] Encode(ReadOnlySpan<byte> raw, int elementSize, Hdf5DatasetOptions options)
    {
        var shuffled = options.Shuffle ? Shuffle(raw, elementSize) : null;
        ReadOnlySpan<byte> data = shuffled ?? raw;
        if (options.CompressionLevel == 0)
        {
            return data.ToArray();
        }
        using var output = new MemoryStream(data.Length / 2);
        using (var zlib = new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = options.CompressionLevel }))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }

    /// <summary>HDF5's shuffle: byte k of every element together, for k = 0 .. size-1.</summary>
    public static byte[] Shuffle(ReadOnlySpan<byte> raw, int elementSize)
    {
        var count = raw.Length / elementSize;
        var shuffled = new byte[raw.Length];
        for (var b = 0; b < elementSize; b++)
        {
            var plane = shuffled.AsSpan(b * count, count);
            for (var i = 0; i < count; i++)
            {
                plane[i] = raw[(i * elementSize) + b];
            }
        }
        raw[(count * elementSize)..].CopyTo(shuffled.AsSpan(count * elementSize));
        return shuffled;
    }
}
