using System.Numerics;

namespace Tessera.IO.Hdf5;

/// <summary>
/// Reads a byte stream as bits, most significant first, as CCSDS 121.0 streams are written. Bits
/// are taken from a 64-bit accumulator refilled a byte at a time, so a sample costs a shift and
/// a mask and a fundamental-sequence codeword one leading-zero count.
/// </summary>
internal ref struct BitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _chunkOffset;
    private ulong _accumulator;
    private int _count;
    private int _next;

    public BitReader(ReadOnlySpan<byte> data, long chunkOffset)
    {
        _data = data;
        _chunkOffset = chunkOffset;
    }

    public readonly long BytePosition => _next - _count / 8;

    /// <summary>The next <paramref name="count"/> bits (0 to 32) as an unsigned number.</summary>
    public ulong Read(int count)
    {
        if (_count < count)
        {
            Refill();
            if (_count < count)
            {
                throw Truncated();
            }
        }
        _count -= count;
        return (_accumulator >> _count) & ((1UL << count) - 1);
    }

    /// <summary>A fundamental sequence codeword: the number of 0 bits before the next 1 bit.</summary>
    public uint FundamentalSequence()
    {
        uint zeros = 0;
        while (true)
        {
            if (_count == 0)
            {
                Refill();
                if (_count == 0)
                {
                    throw Truncated();
                }
            }
            // The valid bits moved to the top; the bits below them are zero.
            ulong window = _accumulator << (64 - _count);
            if (window == 0)
            {
                zeros += (uint)_count;
                _count = 0;
                continue;
            }
            int lead = BitOperations.LeadingZeroCount(window);
            zeros += (uint)lead;
            _count -= lead + 1;
            return zeros;
        }
    }

    private void Refill()
    {
        while (_count <= 56 && _next < _data.Length)
        {
            _accumulator = (_accumulator << 8) | _data[_next++];
            _count += 8;
        }
    }

    private readonly Hdf5FormatException Truncated() =>
        new("szip-compressed chunk", _chunkOffset, $"the compressed stream ends at byte {_data.Length} before every sample is decoded.");
}
