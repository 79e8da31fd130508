using System.Buffers.Binary;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Filter 3: a Fletcher-32 checksum over big-endian 16-bit words, appended as 4 bytes. Files
/// from HDF5 before 1.6.3 stored it byte-reversed, so both orders are accepted.
/// </summary>
internal static class Fletcher32Filter
{
    public static byte[] Decode(byte[] input, long chunkOffset) => input[..Verify(input, chunkOffset).Length];

    /// <summary>Checks the trailing checksum and returns the data before it.</summary>
    public static ReadOnlySpan<byte> Verify(ReadOnlySpan<byte> input, long chunkOffset)
    {
        if (input.Length < 4)
        {
            throw new Hdf5FormatException("fletcher32 chunk", chunkOffset, $"a {input.Length}-byte chunk cannot hold the 4-byte checksum.");
        }
        var data = input[..^4];
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(input[^4..]);
        uint computed = Compute(data);
        if (computed != stored && computed != BinaryPrimitives.ReverseEndianness(stored))
        {
            throw new Hdf5FormatException("fletcher32 chunk", chunkOffset,
                $"checksum mismatch: stored 0x{stored:x8}, computed 0x{computed:x8}. The chunk data is corrupted.");
        }
        return data;
    }

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint sum1 = 0, sum2 = 0;
        int words = data.Length / 2;
        int i = 0;
        while (words > 0)
        {
            // 360 words keep both sums below 2^32 before folding.
            int block = Math.Min(words, 360);
            words -= block;
            for (int k = 0; k < block; k++, i += 2)
            {
                sum1 += (uint)((data[i] << 8) | data[i + 1]);
                sum2 += sum1;
            }
            sum1 = (sum1 & 0xFFFF) + (sum1 >> 16);
            sum2 = (sum2 & 0xFFFF) + (sum2 >> 16);
        }
        if ((data.Length & 1) != 0)
        {
            sum1 += (uint)(data[^1] << 8);
            sum2 += sum1;
            sum1 = (sum1 & 0xFFFF) + (sum1 >> 16);
            sum2 = (sum2 & 0xFFFF) + (sum2 >> 16);
        }
        sum1 = (sum1 & 0xFFFF) + (sum1 >> 16);
        sum2 = (sum2 & 0xFFFF) + (sum2 >> 16);
        return (sum2 << 16) | sum1;
    }
}
