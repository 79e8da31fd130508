using System.Buffers.Binary;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Filter 4: szip, as HDF5 applies it through libaec or the original szip library. A chunk is
/// the decoded size as a little-endian uint32, then one CCSDS 121.0 stream (<see cref="AecDecoder"/>).
/// The client data are the szip options mask, pixels per block, bits per pixel and pixels per
/// scanline. 32- and 64-bit pixels are coded as bytes, one byte plane after another; a scanline
/// that is not a whole number of blocks is padded to one in the stream.
/// </summary>
internal static class SzipFilter
{
    private const int MsbOption = 16;
    private const int NearestNeighbourOption = 32;

    public static byte[] Decode(byte[] input, IReadOnlyList<int> parameters, long maxBytes, long chunkOffset)
    {
        if (parameters.Count < 4)
        {
            throw new Hdf5FormatException("szip filter parameters", chunkOffset, $"{parameters.Count} values are stored; 4 are required.");
        }
        int options = parameters[0];
        int pixelsPerBlock = parameters[1];
        int bitsPerPixel = parameters[2];
        int pixelsPerScanline = parameters[3];
        if (pixelsPerBlock is < 2 or > 64 || bitsPerPixel is < 1 or > 64 || (bitsPerPixel > 32 && bitsPerPixel != 64) || pixelsPerScanline < 1)
        {
            throw new Hdf5FormatException("szip filter parameters", chunkOffset,
                $"{pixelsPerBlock} pixels per block, {bitsPerPixel} bits per pixel and {pixelsPerScanline} pixels per scanline are not valid.");
        }
        if (input.Length < 4)
        {
            throw new Hdf5FormatException("szip-compressed chunk", chunkOffset, $"holds {input.Length} bytes, fewer than its 4-byte size header.");
        }
        long size = BinaryPrimitives.ReadUInt32LittleEndian(input);
        if (size > maxBytes)
        {
            throw new Hdf5FormatException("szip-compressed chunk", chunkOffset, $"declares {size} decoded bytes; the chunk holds at most {maxBytes}.");
        }
        bool planes = bitsPerPixel is 32 or 64;
        int sampleBits = planes ? 8 : bitsPerPixel;
        int sampleBytes = sampleBits > 16 ? 4 : sampleBits > 8 ? 2 : 1;
        int rsi = (pixelsPerScanline + pixelsPerBlock - 1) / pixelsPerBlock;
        long pixels = size / sampleBytes;
        // With padded scanlines the stream holds rsi * block samples per scanline.
        int padding = rsi * pixelsPerBlock - pixelsPerScanline;
        long scanlines = (pixels + pixelsPerScanline - 1) / pixelsPerScanline;
        long coded = padding == 0 ? pixels : scanlines * rsi * pixelsPerBlock;
        // A zero-block codeword of a few bits can stand for up to 64 blocks of 64 samples.
        if (coded > (long)input.Length * 8 * 1024 + 4096)
        {
            throw new Hdf5FormatException("szip-compressed chunk", chunkOffset,
                $"declares {size} decoded bytes; {input.Length} compressed bytes cannot hold that many.");
        }
        var decoder = new AecDecoder(sampleBits, pixelsPerBlock, rsi, (options & NearestNeighbourOption) != 0, chunkOffset);
        var samples = decoder.Decode(input.AsSpan(4), coded);
        var output = new byte[size];
        bool msb = (options & MsbOption) != 0;
        // Copy scanline by scanline, dropping each padded scanline's padding samples.
        int codedLine = padding == 0 ? (int)Math.Min(coded, int.MaxValue) : rsi * pixelsPerBlock;
        long o = 0;
        for (long line = 0; line < coded && o < pixels; line += codedLine)
        {
            int take = (int)Math.Min(Math.Min(padding == 0 ? codedLine : pixelsPerScanline, coded - line), pixels - o);
            Put(samples.AsSpan((int)line, take), output.AsSpan((int)(o * sampleBytes), take * sampleBytes), sampleBytes, msb);
            o += take;
        }
        return planes ? FromBytePlanes(output, bitsPerPixel / 8) : output;
    }

    private static void Put(ReadOnlySpan<uint> samples, Span<byte> destination, int width, bool msb)
    {
        if (width == 1)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                destination[i] = (byte)samples[i];
            }
            return;
        }
        for (int i = 0; i < samples.Length; i++)
        {
            uint sample = samples[i];
            for (int k = 0; k < width; k++)
            {
                destination[i * width + k] = (byte)(sample >> (8 * (msb ? width - 1 - k : k)));
            }
        }
    }

    private static byte[] FromBytePlanes(byte[] planes, int wordSize)
    {
        int words = planes.Length / wordSize;
        var output = new byte[planes.Length];
        for (int i = 0; i < words; i++)
        {
            for (int j = 0; j < wordSize; j++)
            {
                output[i * wordSize + j] = planes[j * words + i];
            }
        }
        return output;
    }
}
