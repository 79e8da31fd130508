using System.Buffers;
using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace Tessera.IO.Zarr.Codecs;

/// <summary>
/// The Blosc 1 frame, read and written from its format description. A 16-byte header
/// (version, codec version, flags, type size, then little-endian uncompressed size, block size and
/// frame size) is followed, unless the frame is a plain copy, by one 32-bit start offset per block.
/// Each block is shuffled (in version 2 frames, which c-blosc 1.x writes, bit shuffle applies only
/// to blocks of a multiple of 8 elements; later versions shuffle those and copy the rest), then
/// compressed as one stream or, when the "don't split" flag is clear
/// and the block is whole and large enough, as one stream per byte of the type (a split); each
/// stream is a 32-bit length and its bytes, stored raw when the length equals the stream's size.
/// Tessera writes version 2 frames and splits as c-blosc 1.x does by default.
/// </summary>
internal static class BloscFrame
{
    private const int HeaderSize = 16;
    private const byte FlagShuffle = 0x1;
    private const byte FlagMemcpyed = 0x2;
    private const byte FlagBitShuffle = 0x4;
    private const byte FlagDontSplit = 0x10;
    private const int MaxSplits = 16;
    private const int MinBufferSize = 128;

    /// <summary>The uncompressed size a frame declares, for sizing a buffer before <see cref="Decode"/>.</summary>
    public static int DecodedLength(ReadOnlySpan<byte> frame, string key)
    {
        CheckHeader(frame, key);
        return BinaryPrimitives.ReadInt32LittleEndian(frame[4..]);
    }

    public static void Decode(ArraySegment<byte> segment, Span<byte> destination, string key)
    {
        var frame = segment.AsSpan();
        CheckHeader(frame, key);
        var flags = frame[2];
        var typeSize = frame[3];
        var nbytes = BinaryPrimitives.ReadInt32LittleEndian(frame[4..]);
        var blockSize = BinaryPrimitives.ReadInt32LittleEndian(frame[8..]);
        var cbytes = BinaryPrimitives.ReadInt32LittleEndian(frame[12..]);
        if (nbytes != destination.Length)
        {
            throw new ZarrFormatException(key, $"the Blosc frame holds {nbytes} bytes; the chunk holds {destination.Length}.");
        }
        if (cbytes > frame.Length || cbytes < HeaderSize)
        {
            throw new ZarrFormatException(key, $"the Blosc header says the frame is {cbytes} bytes, but {frame.Length} bytes were stored (truncated chunk file?).");
        }
        if ((flags & FlagMemcpyed) != 0)
        {
            if (cbytes < HeaderSize + nbytes)
            {
                throw new ZarrFormatException(key, $"the Blosc frame is a plain copy of {nbytes} bytes but holds only {cbytes - HeaderSize}.");
            }
            frame.Slice(HeaderSize, nbytes).CopyTo(destination);
            return;
        }
        if (nbytes == 0)
        {
            return;
        }
        if (blockSize <= 0 || typeSize == 0)
        {
            throw new ZarrFormatException(key, $"the Blosc header has block size {blockSize} and type size {typeSize}; both must be positive.");
        }
        var compressor = (BloscCompressor)(flags >> 5);
        var blocks = (nbytes + blockSize - 1) / blockSize;
        if (HeaderSize + 4L * blocks > cbytes)
        {
            throw new ZarrFormatException(key, $"the Blosc frame has {blocks} blocks but is too short ({cbytes} bytes) for their start offsets.");
        }
        var shuffled = (flags & FlagShuffle) != 0 && typeSize > 1 ? BloscShuffleMode.ByteShuffle
            : (flags & FlagBitShuffle) != 0 ? BloscShuffleMode.BitShuffle
            : BloscShuffleMode.NoShuffle;
        var scratch = shuffled == BloscShuffleMode.NoShuffle ? null : ArrayPool<byte>.Shared.Rent(blockSize);
        try
        {
            for (var b = 0; b < blocks; b++)
            {
                var start = BinaryPrimitives.ReadInt32LittleEndian(frame[(HeaderSize + 4 * b)..]);
                var size = Math.Min(blockSize, nbytes - b * blockSize);
                var output = destination.Slice(b * blockSize, size);
                var target = scratch is null ? output : scratch.AsSpan(0, size);
                var leftover = size < blockSize;
                var splits = (flags & FlagDontSplit) == 0 && typeSize <= MaxSplits && size / typeSize >= MinBufferSize && !leftover ? typeSize : 1;
                DecodeBlock(segment, start, cbytes, target, splits, compressor, key, b);
                switch (shuffled)
                {
                    case BloscShuffleMode.ByteShuffle:
                        BloscShuffle.Unshuffle(target, output, typeSize);
                        break;
                    case BloscShuffleMode.BitShuffle when frame[0] >= 3 || size / typeSize % 8 == 0:
                        BloscShuffle.BitUnshuffle(target, output, typeSize);
                        break;
                    case BloscShuffleMode.BitShuffle:
                        // Format version 2 frames leave a block whose element count is not a multiple of 8 unshuffled.
                        target.CopyTo(output);
                        break;
                }
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    private static void DecodeBlock(ArraySegment<byte> segment, int start, int frameEnd, Span<byte> target, int splits, BloscCompressor compressor, string key, int block)
    {
        var frame = segment.AsSpan();
        var streamSize = target.Length / splits;
        var at = start;
        for (var s = 0; s < splits; s++)
        {
            if (at < HeaderSize || at + 4 > frameEnd)
            {
                throw new ZarrFormatException(key, $"Blosc block {block} stream {s} starts at byte {at}, outside the {frameEnd}-byte frame.");
            }
            var length = BinaryPrimitives.ReadInt32LittleEndian(frame[at..]);
            at += 4;
            if (length < 0 || at + length > frameEnd)
            {
                throw new ZarrFormatException(key, $"Blosc block {block} stream {s} claims {length} bytes at byte {at}, past the {frameEnd}-byte frame.");
            }
            var output = target.Slice(s * streamSize, streamSize);
            if (length == streamSize)
            {
                frame.Slice(at, length).CopyTo(output);
            }
            else
            {
                Decompress(compressor, segment, at, length, output, key);
            }
            at += length;
        }
    }

    private static void Decompress(BloscCompressor compressor, ArraySegment<byte> frame, int offset, int length, Span<byte> output, string key)
    {
        switch (compressor)
        {
            case BloscCompressor.Lz4:
                var written = LZ4Codec.Decode(frame.AsSpan(offset, length), output);
                if (written != output.Length)
                {
                    throw new ZarrFormatException(key, $"an LZ4 stream inside the Blosc frame decodes to {(written < 0 ? "an error" : written + " bytes")}; {output.Length} were expected.");
                }
                break;
            case BloscCompressor.Zstd:
                ZstdCodec.Decompress(frame.AsSpan(offset, length), output, key);
                break;
            case BloscCompressor.Zlib:
                DeflateCodec.Inflate(frame.Array!, frame.Offset + offset, length, gzip: false, output, key);
                break;
            default:
                throw new NotSupportedException(
                    $"Zarr chunk '{key}' is Blosc-compressed with {Name(compressor)}, which Tessera does not decode (it reads Blosc with lz4, lz4hc, zstd and zlib). " +
                    "Rewrite the store with another Blosc cname, e.g. in Python: numcodecs.Blosc(cname='lz4') or 'zstd'.");
        }
    }

    public static byte[] Encode(ReadOnlySpan<byte> data, int typeSize, BloscCompressor compressor, int level, BloscShuffleMode shuffle, out int frameLength, int blockSize = 0)
    {
        typeSize = typeSize is > 0 and <= 255 ? typeSize : 1;
        blockSize = blockSize > 0 ? Math.Max(MinBufferSize, blockSize) : AutoBlockSize(data.Length, compressor, level);
        blockSize = Math.Min(blockSize, Math.Max(1, data.Length));
        if (blockSize > typeSize)
        {
            blockSize = blockSize / typeSize * typeSize;
        }
        var blocks = data.Length == 0 ? 0 : (data.Length + blockSize - 1) / blockSize;
        var flags = (byte)(((int)compressor << 5)
            | (shuffle == BloscShuffleMode.ByteShuffle ? FlagShuffle : 0)
            | (shuffle == BloscShuffleMode.BitShuffle ? FlagBitShuffle : 0));
        // Every stream is stored raw when compression does not shrink it, so this bounds the frame.
        var capacity = HeaderSize + 4 * blocks + 4 * blocks * Math.Min(typeSize, MaxSplits) + data.Length;
        var frame = ArrayPool<byte>.Shared.Rent(capacity);
        var shuffled = ArrayPool<byte>.Shared.Rent(blockSize);
        var packed = ArrayPool<byte>.Shared.Rent(Bound(compressor, blockSize));
        try
        {
            var at = HeaderSize + 4 * blocks;
            for (var b = 0; b < blocks; b++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(HeaderSize + 4 * b), at);
                var block = data.Slice(b * blockSize, Math.Min(blockSize, data.Length - b * blockSize));
                var source = shuffled.AsSpan(0, block.Length);
                switch (shuffle)
                {
                    case BloscShuffleMode.ByteShuffle when typeSize > 1:
                        BloscShuffle.Shuffle(block, source, typeSize);
                        break;
                    case BloscShuffleMode.BitShuffle when block.Length / typeSize % 8 == 0:
                        BloscShuffle.BitShuffle(block, source, typeSize);
                        break;
                    default:
                        block.CopyTo(source);
                        break;
                }
                // One stream per byte of the type, as c-blosc 1.x splits by default: the streams of
                // noisy low bytes are stored raw at once and only the compressible ones pay for LZ4.
                var splits = typeSize <= MaxSplits && block.Length == blockSize && block.Length / typeSize >= MinBufferSize ? typeSize : 1;
                var streamSize = block.Length / splits;
                for (var s = 0; s < splits; s++)
                {
                    var stream = source.Slice(s * streamSize, streamSize);
                    var length = splits > 1 && LooksIncompressible(compressor, level, stream, packed) ? -1 : Compress(compressor, level, stream, packed);
                    var raw = length <= 0 || length >= stream.Length;
                    BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(at), raw ? stream.Length : length);
                    at += 4;
                    (raw ? stream : packed.AsSpan(0, length)).CopyTo(frame.AsSpan(at));
                    at += raw ? stream.Length : length;
                }
            }
            if (at >= HeaderSize + data.Length)
            {
                // Incompressible: a plain copy is smaller, as Blosc itself falls back to.
                at = HeaderSize + data.Length;
                WriteHeader(frame, (byte)(flags | FlagMemcpyed), typeSize, data.Length, blockSize, at);
                data.CopyTo(frame.AsSpan(HeaderSize));
            }
            else
            {
                WriteHeader(frame, flags, typeSize, data.Length, blockSize, at);
            }
            frameLength = at;
            return frame;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(frame);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(shuffled);
            ArrayPool<byte>.Shared.Return(packed);
        }
    }

    /// <summary>Whether the first 4 KiB of a stream compress by less than 3 %: then the whole stream is stored raw.</summary>
    private static bool LooksIncompressible(BloscCompressor compressor, int level, ReadOnlySpan<byte> stream, byte[] packed)
    {
        const int Sample = 4096;
        if (stream.Length < 4 * Sample)
        {
            return false;
        }
        var length = Compress(compressor, level, stream[..Sample], packed);
        return length <= 0 || length > Sample * 97 / 100;
    }

    /// <summary>
    /// Blosc's block size rule scaled up as c-blosc 1.21 does for split streams: 256 KiB, doubled
    /// for the high-ratio codecs, halved or grown with the level. Larger blocks let each split
    /// stream be long enough to judge and compress on its own.
    /// </summary>
    private static int AutoBlockSize(int nbytes, BloscCompressor compressor, int level)
    {
        if (nbytes < 32 * 1024)
        {
            return Math.Max(1, nbytes);
        }
        var size = 256 * 1024 * (compressor is BloscCompressor.Zlib or BloscCompressor.Zstd ? 2 : 1);
        return level switch
        {
            0 => size / 4,
            <= 3 => size / 2,
            <= 6 => size,
            _ => size * 2,
        };
    }

    private static int Bound(BloscCompressor compressor, int size) => compressor switch
    {
        BloscCompressor.Lz4 => LZ4Codec.MaximumOutputSize(size),
        _ => size + size / 8 + 1024,
    };

    private static int Compress(BloscCompressor compressor, int level, ReadOnlySpan<byte> source, byte[] packed)
    {
        switch (compressor)
        {
            case BloscCompressor.Lz4:
                return LZ4Codec.Encode(source, packed, level >= 9 ? LZ4Level.L09_HC : LZ4Level.L00_FAST);
            case BloscCompressor.Zstd:
                using (var zstd = new ZstdSharp.Compressor(level))
                {
                    return zstd.TryWrap(source, packed, out var written) ? written : -1;
                }
            case BloscCompressor.Zlib:
                var bytes = new DeflateCodec(gzip: false, level).Compress(source);
                if (bytes.Length > packed.Length)
                {
                    return -1;
                }
                bytes.CopyTo(packed, 0);
                return bytes.Length;
            default:
                throw new NotSupportedException($"Tessera writes Blosc with lz4, zstd or zlib inside, not {Name(compressor)}.");
        }
    }

    private static void WriteHeader(Span<byte> frame, byte flags, int typeSize, int nbytes, int blockSize, int cbytes)
    {
        frame[0] = 2; // Blosc format version 2, the one c-blosc 1.x writes
        frame[1] = 1; // the inner codec's format version (1 for lz4, zlib and zstd)
        frame[2] = flags;
        frame[3] = (byte)typeSize;
        BinaryPrimitives.WriteInt32LittleEndian(frame[4..], nbytes);
        BinaryPrimitives.WriteInt32LittleEndian(frame[8..], blockSize);
        BinaryPrimitives.WriteInt32LittleEndian(frame[12..], cbytes);
    }

    private static void CheckHeader(ReadOnlySpan<byte> frame, string key)
    {
        if (frame.Length < HeaderSize)
        {
            throw new ZarrFormatException(key, $"the chunk is {frame.Length} bytes, shorter than a Blosc header (16 bytes).");
        }
        if (frame[0] is 0 or > 4)
        {
            throw new ZarrFormatException(key, $"the Blosc header has format version {frame[0]}; Blosc 1 frames have versions 1 to 4. Is the compressor in the metadata right?");
        }
    }

    public static string Name(BloscCompressor compressor) => compressor switch
    {
        BloscCompressor.BloscLz => "blosclz",
        BloscCompressor.Lz4 => "lz4",
        BloscCompressor.Snappy => "snappy",
        BloscCompressor.Zlib => "zlib",
        BloscCompressor.Zstd => "zstd",
        _ => $"unknown codec {(int)compressor}",
    };
}
