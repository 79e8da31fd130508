namespace Tessera.IO.Hdf5;

/// <summary>
/// Filter 32000: LZF, h5py's built-in compressor. A chunk is one raw LZF stream (no header): a
/// control byte below 32 starts a run of control+1 literal bytes; otherwise its top three bits
/// (7 meaning "read one more length byte") give a back-reference length minus 2 and its low five
/// bits with the next byte the distance minus 1. h5py marks the filter optional, so chunks that
/// would not shrink are stored raw with the filter's mask bit set and never come here.
/// </summary>
internal static class LzfFilter
{
    public const int Id = 32000;

    public static byte[] Decode(byte[] input, long expectedSize, long chunkOffset)
    {
        var output = GC.AllocateUninitializedArray<byte>((int)expectedSize);
        int ip = 0;
        int op = 0;
        while (ip < input.Length)
        {
            int control = input[ip++];
            if (control < 32)
            {
                int literal = control + 1;
                if (ip + literal > input.Length || op + literal > output.Length)
                {
                    throw Corrupt(chunkOffset, $"a run of {literal} literal bytes at input byte {ip - 1} overruns the stream or the {expectedSize}-byte chunk.");
                }
                Buffer.BlockCopy(input, ip, output, op, literal);
                ip += literal;
                op += literal;
                continue;
            }
            int length = control >> 5;
            if (length == 7)
            {
                if (ip >= input.Length)
                {
                    throw Corrupt(chunkOffset, "the stream ends inside a back-reference.");
                }
                length += input[ip++];
            }
            if (ip >= input.Length)
            {
                throw Corrupt(chunkOffset, "the stream ends inside a back-reference.");
            }
            int distance = ((control & 0x1F) << 8) + input[ip++] + 1;
            length += 2;
            int from = op - distance;
            if (from < 0 || op + length > output.Length)
            {
                throw Corrupt(chunkOffset, $"a back-reference of {length} bytes at distance {distance} at output byte {op} lies outside the {expectedSize}-byte chunk.");
            }
            // Byte by byte: a reference may overlap the bytes it produces (distance < length).
            for (int i = 0; i < length; i++)
            {
                output[op + i] = output[from + i];
            }
            op += length;
        }
        return op == output.Length ? output : output[..op];
    }

    private static Hdf5FormatException Corrupt(long offset, string problem) => new("LZF-compressed chunk", offset, problem);
}
