using System.Buffers.Binary;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Filter 6: scale-offset (HDF5 1.8+), lossy for floats. Each chunk starts with a 21-byte header
/// (minimum bits as a little-endian uint32, the byte count of the minimum value, the minimum
/// value little-endian), then every element as a minbits-wide unsigned offset packed
/// most-significant bit first. Integers are minimum + offset; floats (D-scaling) are
/// offset / 10^D + minimum, computed in the element's own precision as the library does. With a
/// fill value defined, the all-ones offset stands for the fill value.
/// </summary>
internal static class ScaleOffsetFilter
{
    private const int HeaderBytes = 21;

    public static byte[] Decode(byte[] input, IReadOnlyList<int> parameters, long chunkBytes, long chunkOffset)
    {
        var p = ScaleOffsetParameters.From(parameters, chunkOffset);
        if (p.IsInteger && p.ScaleFactor == p.Size * 8)
        {
            return input; // the writer stored the chunk as is: full precision requested
        }
        long outBytes = (long)p.Count * p.Size;
        if (outBytes != chunkBytes)
        {
            throw new Hdf5FormatException("scale-offset filter parameters", chunkOffset,
                $"declare {p.Count} elements of {p.Size} bytes; the chunk holds {chunkBytes} bytes.");
        }
        if (input.Length < HeaderBytes)
        {
            throw new Hdf5FormatException("scale-offset-compressed chunk", chunkOffset, $"holds {input.Length} bytes, fewer than its 21-byte header.");
        }
        int minBits = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(input), int.MaxValue);
        int minSize = Math.Min((int)input[4], 8);
        ulong min = 0;
        for (int i = 0; i < minSize; i++)
        {
            min |= (ulong)input[5 + i] << (8 * i);
        }
        if (minBits > p.Size * 8)
        {
            throw new Hdf5FormatException("scale-offset-compressed chunk", chunkOffset,
                $"packs values in {minBits} bits; elements of {p.Size} bytes have at most {p.Size * 8}.");
        }
        var output = new byte[outBytes];
        var packed = input.AsSpan(HeaderBytes);
        if (minBits == p.Size * 8)
        {
            // Full precision: the elements follow the header unpacked, in the writer's (little-endian) order.
            if (packed.Length < outBytes)
            {
                throw new Hdf5FormatException("scale-offset-compressed chunk", chunkOffset, $"holds {packed.Length} data bytes; {outBytes} expected.");
            }
            packed[..(int)outBytes].CopyTo(output);
        }
        else
        {
            if ((long)minBits * p.Count > (long)packed.Length * 8)
            {
                throw new Hdf5FormatException("scale-offset-compressed chunk", chunkOffset,
                    $"{p.Count} values of {minBits} bits need {((long)minBits * p.Count + 7) / 8} bytes; {packed.Length} are stored.");
            }
            Unpack(packed, minBits, p, min, output);
        }
        if (p.BigEndian)
        {
            for (long i = 0; i < outBytes; i += p.Size)
            {
                output.AsSpan((int)i, p.Size).Reverse();
            }
        }
        return output;
    }

    private static void Unpack(ReadOnlySpan<byte> packed, int minBits, ScaleOffsetParameters p, ulong min, byte[] output)
    {
        long bit = 0;
        ulong fillMark = minBits == 64 ? ulong.MaxValue : (1UL << minBits) - 1;
        double scale = Math.Pow(10, p.ScaleFactor);
        float scaleF = MathF.Pow(10f, p.ScaleFactor);
        for (int i = 0; i < p.Count; i++)
        {
            ulong offset = 0;
            for (int b = 0; b < minBits; b++, bit++)
            {
                offset = (offset << 1) | (uint)((packed[(int)(bit >> 3)] >> (7 - (int)(bit & 7))) & 1);
            }
            var element = output.AsSpan(i * p.Size, p.Size);
            if (p.FillDefined && offset == fillMark)
            {
                p.Fill.AsSpan(0, p.Size).CopyTo(element);
                continue;
            }
            if (p.IsInteger)
            {
                // Wrapping addition in the element's width, signed or not, gives the same bits.
                ulong value = offset + min;
                for (int k = 0; k < p.Size; k++)
                {
                    element[k] = (byte)(value >> (8 * k));
                }
            }
            else if (p.Size == 4)
            {
                // The offset is the element's bits read as a two's-complement integer of its width.
                float value = (float)(int)(uint)offset / scaleF + BitConverter.Int32BitsToSingle((int)(uint)min);
                BinaryPrimitives.WriteSingleLittleEndian(element, value);
            }
            else
            {
                double value = (double)(long)offset / scale + BitConverter.Int64BitsToDouble((long)min);
                BinaryPrimitives.WriteDoubleLittleEndian(element, value);
            }
        }
    }
}
