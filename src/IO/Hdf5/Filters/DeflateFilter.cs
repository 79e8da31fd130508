using System.IO.Compression;

namespace Tessera.IO.Hdf5;

/// <summary>Filter 1: the chunk is one zlib stream (RFC 1950: header, deflate data, Adler-32).</summary>
internal static class DeflateFilter
{
    /// <summary>The chunk inflated into a new array of at most <paramref name="expectedSize"/> bytes.</summary>
    public static byte[] Decode(byte[] input, long expectedSize, long chunkOffset)
    {
        // Deflate expands at most about 1032:1, which bounds the buffer by the stored size even
        // when a corrupt layout declares an enormous chunk.
        var output = GC.AllocateUninitializedArray<byte>((int)Math.Min(expectedSize, (long)input.Length * 1040 + 1024));
        int n = Inflate(input, output, expectedSize, chunkOffset);
        return n == output.Length ? output : output[..n];
    }

    /// <summary>
    /// Inflates a zlib stream into <paramref name="target"/>; a stream that inflates to more than
    /// <paramref name="expected"/> is corrupt (or a decompression bomb). Returns the bytes written.
    /// </summary>
    public static unsafe int Inflate(ReadOnlySpan<byte> input, Span<byte> target, long expected, long chunkOffset)
    {
        try
        {
            fixed (byte* p = input)
            {
                using var memory = new UnmanagedMemoryStream(p, input.Length);
                using var zlib = new ZLibStream(memory, CompressionMode.Decompress);
                int total = 0;
                while (total < target.Length)
                {
                    int n = zlib.Read(target[total..]);
                    if (n == 0)
                    {
                        break;
                    }
                    total += n;
                }
                if (total == expected)
                {
                    Span<byte> probe = stackalloc byte[1];
                    if (zlib.Read(probe) != 0)
                    {
                        throw new Hdf5FormatException("deflate-compressed chunk", chunkOffset,
                            $"inflates to more than the {expected} bytes a chunk can hold.");
                    }
                }
                return total;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // The stream is in memory, so an IOException here is zlib rejecting corrupt data (ZLibException, found by byte flipping).
            throw new Hdf5FormatException("deflate-compressed chunk", chunkOffset, $"the zlib stream is corrupt: {e.Message}", e);
        }
    }

}
