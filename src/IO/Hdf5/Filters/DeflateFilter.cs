using System.IO.Compression;

namespace Tessera.IO.Hdf5;

/// <summary>Filter 1: the chunk is one zlib stream (RFC 1950: header, deflate data, Adler-32).</summary>
internal static class DeflateFilter
{
    public static byte[] Decode(byte[] input, long expectedSize, long chunkOffset)
    {
        // The decoded size is known up front, so output is written into one exact buffer; a
        // stream that inflates to more than expected is corrupt (or a decompression bomb).
        // Deflate expands at most about 1032:1, which bounds the buffer by the stored size
        // even when a corrupt layout declares an enormous chunk.
        var output = GC.AllocateUninitializedArray<byte>((int)Math.Min(expectedSize, (long)input.Length * 1040 + 1024));
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(input, writable: false), CompressionMode.Decompress);
            int total = 0;
            while (total < output.Length)
            {
                int n = zlib.Read(output, total, output.Length - total);
                if (n == 0)
                {
                    break;
                }
                total += n;
            }
            if (total < expectedSize)
            {
                return output[..total];
            }
            Span<byte> probe = stackalloc byte[1];
            if (zlib.Read(probe) != 0)
            {
                throw new Hdf5FormatException("deflate-compressed chunk", chunkOffset,
                    $"inflates to more than the {expectedSize} bytes a chunk can hold.");
            }
            return output;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // The stream is in memory, so an IOException here is zlib rejecting corrupt data (ZLibException, found by byte flipping).
            throw new Hdf5FormatException("deflate-compressed chunk", chunkOffset, $"the zlib stream is corrupt: {e.Message}", e);
        }
    }
}
