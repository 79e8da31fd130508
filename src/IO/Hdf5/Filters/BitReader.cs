namespace Tessera.IO.Hdf5;

/// <summary>Reads a byte stream as bits, most significant first, as CCSDS 121.0 streams are written.</summary>
internal ref struct BitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _chunkOffset;
    private long _bit;

    public BitReader(ReadOnlySpan<byte> data, long chunkOffset)
    {
        _data = data;
        _chunkOffset = chunkOffset;
    }

    public readonly long BytePosition => _bit >> 3;

    /// <summary>The next <paramref name="count"/> bits (0 to 32) as an unsigned number.</summary>
    public ulong Read(int count)
    {
        if (_bit + count > (long)_data.Length * 8)
        {
            throw Truncated();
        }
        ulong value = 0;
        while (count > 0)
        {
            int inByte = 8 - (int)(_bit & 7);
            int take = Math.Min(inByte, count);
            int b = _data[(int)(_bit >> 3)];
            value = (value << take) | (uint)((b >> (inByte - take)) & ((1 << take) - 1));
            _bit += take;
            count -= take;
        }
        return value;
    }

    /// <summary>A fundamental sequence codeword: the number of 0 bits before the next 1 bit.</summary>
    public uint FundamentalSequence()
    {
        uint zeros = 0;
        while (true)
        {
            if (_bit >= (long)_data.Length * 8)
            {
                throw Truncated();
            }
            int b = _data[(int)(_bit >> 3)];
            int inByte = 8 - (int)(_bit & 7);
            int rest = b & ((1 << inByte) - 1);
            if (rest == 0)
            {
                zeros += (uint)inByte;
                _bit += inByte;
                continue;
            }
            int lead = inByte - (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)rest));
            zeros += (uint)lead;
            _bit += lead + 1;
            return zeros;
        }
    }

    private readonly Hdf5FormatException Truncated() =>
        new("szip-compressed chunk", _chunkOffset, $"the compressed stream ends at byte {_data.Length} before every sample is decoded.");
}
