namespace Tessera.IO.Hdf5;

/// <summary>
/// Filter 5: N-bit (HDF5 1.8+). For integer and float elements whose datatype uses fewer bits
/// than it occupies (a precision below 8 x size, at a bit offset), it stores only those bits:
/// each element's precision bits, most significant first, packed back to back across the chunk.
/// Decoding puts them back at the bit offset, with the other bits zero, in the element's byte
/// order. When every bit is significant the library marks the chunk "nothing to do" and stores
/// it as is. Client data: parameter count, that flag, elements per chunk, then the type's class
/// code (1 atomic, 2 array, 3 compound, 4 no-op) and for atomic types size, byte order (0 little,
/// 1 big), precision and offset.
/// </summary>
internal static class NbitFilter
{
    public const int Id = 5;

    public static byte[] Decode(byte[] input, IReadOnlyList<int> cd, long chunkBytes, long chunkOffset)
    {
        if (cd.Count < 3)
        {
            throw new Hdf5FormatException("N-bit filter parameters", chunkOffset, $"{cd.Count} values are stored; at least 3 are required.");
        }
        if (cd[1] != 0)
        {
            return input; // every bit is significant: the writer stored the chunk unchanged
        }
        if (cd.Count < 8 || cd[3] != 1)
        {
            throw new NotSupportedException(
                $"The chunk at byte offset {chunkOffset} is N-bit packed for a {(cd.Count > 3 && cd[3] == 3 ? "compound" : cd.Count > 3 && cd[3] == 2 ? "array" : "non-atomic")} " +
                "datatype (N-bit filter, HDF5 1.8 and later), which this reader does not implement; only integer and float elements are. " +
                "Rewrite the dataset without it, e.g. h5repack -f NONE in.h5 out.h5.");
        }
        long count = (uint)cd[2];
        int size = cd[4];
        bool bigEndian = cd[5] == 1;
        int precision = cd[6];
        int offset = cd[7];
        if (size is < 1 or > 16 || precision < 1 || offset < 0 || precision + offset > size * 8 || count * size != chunkBytes)
        {
            throw new Hdf5FormatException("N-bit filter parameters", chunkOffset,
                $"{count} elements of {size} bytes with {precision} significant bits at bit {offset} do not describe this {chunkBytes}-byte chunk.");
        }
        if (count * precision > (long)input.Length * 8)
        {
            throw new Hdf5FormatException("N-bit-packed chunk", chunkOffset,
                $"{count} values of {precision} bits need {(count * precision + 7) / 8} bytes; {input.Length} are stored.");
        }
        var output = new byte[chunkBytes];
        long bit = 0;
        for (long i = 0; i < count; i++)
        {
            UInt128 value = 0;
            for (int b = 0; b < precision; b++, bit++)
            {
                value = (value << 1) | (uint)((input[(int)(bit >> 3)] >> (7 - (int)(bit & 7))) & 1);
            }
            value <<= offset;
            var element = output.AsSpan((int)(i * size), size);
            for (int k = 0; k < size; k++)
            {
                element[bigEndian ? size - 1 - k : k] = (byte)(value >> (8 * k));
            }
        }
        return output;
    }
}
