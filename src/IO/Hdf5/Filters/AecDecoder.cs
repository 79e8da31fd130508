namespace Tessera.IO.Hdf5;

/// <summary>
/// Adaptive entropy decoding after CCSDS 121.0-B (lossless data compression), the format libaec
/// and the original szip library write. The stream is a sequence of coded data sets, one per
/// block of J samples; r blocks form a reference sample interval (RSI). Each block starts with
/// an option id: all zeros selects the low-entropy options (one more bit: 0 a run of zero
/// blocks, 1 the second extension), all ones an uncompressed block, any other value k+1 the
/// split-sample option with k low bits. With preprocessing, the first block of every RSI carries
/// an n-bit reference sample and the others code mapped prediction residuals, undone here per RSI.
/// </summary>
internal sealed class AecDecoder
{
    private const int RemainderOfSegment = 5;
    private readonly int _bitsPerSample;
    private readonly int _blockSize;
    private readonly int _rsi;
    private readonly bool _preprocess;
    private readonly int _idLength;
    private readonly long _chunkOffset;

    public AecDecoder(int bitsPerSample, int blockSize, int rsi, bool preprocess, long chunkOffset)
    {
        _bitsPerSample = bitsPerSample;
        _blockSize = blockSize;
        _rsi = rsi;
        _preprocess = preprocess;
        _chunkOffset = chunkOffset;
        _idLength = bitsPerSample > 16 ? 5 : bitsPerSample > 8 ? 4 : 3;
    }

    /// <summary>Decodes <paramref name="sampleCount"/> samples (each below 2^n) from <paramref name="input"/>.</summary>
    public uint[] Decode(ReadOnlySpan<byte> input, long sampleCount)
    {
        var output = new uint[sampleCount];
        var reader = new BitReader(input, _chunkOffset);
        int rsiSamples = _rsi * _blockSize;
        var rsi = new uint[rsiSamples];
        long written = 0;
        while (written < sampleCount)
        {
            int filled = DecodeInterval(ref reader, rsi, sampleCount - written);
            int take = (int)Math.Min(filled, sampleCount - written);
            if (_preprocess)
            {
                Unmap(rsi.AsSpan(0, take));
            }
            rsi.AsSpan(0, take).CopyTo(output.AsSpan((int)written));
            written += take;
        }
        return output;
    }

    // Decodes the blocks of one RSI (fewer when the samples still needed end inside it).
    private int DecodeInterval(ref BitReader reader, uint[] rsi, long needed)
    {
        int used = 0;
        while (used < rsi.Length && used < needed)
        {
            bool reference = _preprocess && used == 0;
            int id = (int)reader.Read(_idLength);
            if (id == 0)
            {
                bool secondExtension = reader.Read(1) == 1;
                if (reference)
                {
                    rsi[used++] = (uint)reader.Read(_bitsPerSample);
                }
                if (secondExtension)
                {
                    used = SecondExtension(ref reader, rsi, used, reference);
                }
                else
                {
                    used = ZeroBlocks(ref reader, rsi, used, reference);
                }
            }
            else if (id == (1 << _idLength) - 1)
            {
                for (int i = 0; i < _blockSize; i++)
                {
                    rsi[used++] = (uint)reader.Read(_bitsPerSample);
                }
            }
            else
            {
                int k = id - 1;
                if (reference)
                {
                    rsi[used++] = (uint)reader.Read(_bitsPerSample);
                }
                int count = _blockSize - (reference ? 1 : 0);
                for (int i = 0; i < count; i++)
                {
                    rsi[used + i] = reader.FundamentalSequence() << k;
                }
                if (k > 0)
                {
                    for (int i = 0; i < count; i++)
                    {
                        rsi[used + i] |= (uint)reader.Read(k);
                    }
                }
                used += count;
            }
        }
        return used;
    }

    private int ZeroBlocks(ref BitReader reader, uint[] rsi, int used, bool reference)
    {
        long blocks = reader.FundamentalSequence() + 1L;
        if (blocks == RemainderOfSegment)
        {
            // "Rest of segment": zero blocks up to the end of this 64-block segment or of the RSI.
            int done = (used - (reference ? 1 : 0)) / _blockSize;
            blocks = Math.Min(_rsi - done, 64 - done % 64);
        }
        else if (blocks > RemainderOfSegment)
        {
            blocks--;
        }
        long zeros = blocks * _blockSize - (reference ? 1 : 0);
        if (zeros > rsi.Length - used)
        {
            throw new Hdf5FormatException("szip-compressed chunk", _chunkOffset,
                $"a run of {blocks} zero blocks at stream byte {reader.BytePosition} passes the end of its {_rsi}-block reference interval.");
        }
        rsi.AsSpan(used, (int)zeros).Clear();
        return used + (int)zeros;
    }

    private int SecondExtension(ref BitReader reader, uint[] rsi, int used, bool reference)
    {
        // Each codeword m numbers a pair (a, b) with m = (a+b)(a+b+1)/2 + b; the reference sample
        // takes the first place of the first pair.
        int position = reference ? 1 : 0;
        while (position < _blockSize)
        {
            uint m = reader.FundamentalSequence();
            if (m > 90)
            {
                throw new Hdf5FormatException("szip-compressed chunk", _chunkOffset,
                    $"second-extension codeword {m} at stream byte {reader.BytePosition} exceeds the largest valid one (90).");
            }
            uint sum = 0;
            while ((sum + 1) * (sum + 2) / 2 <= m)
            {
                sum++;
            }
            uint second = m - sum * (sum + 1) / 2;
            if ((position & 1) == 0)
            {
                rsi[used++] = sum - second;
                position++;
            }
            rsi[used++] = second;
            position++;
        }
        return used;
    }

    // Inverts the unit-delay predictor and the mapping of residuals to non-negative integers
    // (CCSDS 121.0 section 4): a residual within the predicted value's distance to either bound
    // was zig-zag coded; beyond it, it is the distance from the nearer bound.
    private void Unmap(Span<uint> samples)
    {
        if (samples.Length == 0)
        {
            return;
        }
        ulong max = _bitsPerSample == 32 ? uint.MaxValue : (1UL << _bitsPerSample) - 1;
        ulong x = samples[0];
        for (int i = 1; i < samples.Length; i++)
        {
            ulong d = samples[i];
            ulong theta = Math.Min(x, max - x);
            ulong half = (d >> 1) + (d & 1);
            if (half <= theta)
            {
                x = (d & 1) == 0 ? x + half : x - half;
            }
            else
            {
                x = x <= max - x ? d : max - d;
            }
            samples[i] = (uint)x;
        }
    }
}
