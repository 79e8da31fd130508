using Tessera.IO.Zarr.Codecs;

namespace Tessera.IO.Zarr;

/// <summary>Blosc's pre-conditioner before compression.</summary>
public enum ZarrBloscShuffle
{
    /// <summary>No shuffle.</summary>
    None = 0,

    /// <summary>Byte shuffle: all first bytes of the elements, then all second bytes, …</summary>
    Byte = 1,

    /// <summary>Bit shuffle: every bit position of the elements in its own row.</summary>
    Bit = 2,
}

/// <summary>
/// How chunks are compressed when writing: <see cref="Blosc"/> (zarr-python 2's default, LZ4 with
/// byte shuffle), <see cref="Zstd"/>, <see cref="Zlib"/>, <see cref="Gzip"/> or <see cref="None"/>.
/// </summary>
public sealed class ZarrCompressor
{
    private ZarrCompressor(IZarrCodec? codec, string description)
    {
        Codec = codec;
        Description = description;
    }

    internal IZarrCodec? Codec { get; }

    /// <summary>What the compressor is, for messages.</summary>
    public string Description { get; }

    /// <summary>Raw chunks.</summary>
    public static ZarrCompressor None { get; } = new(null, "none");

    /// <summary>zlib (RFC 1950) at <paramref name="level"/> 0–9 (v2 only; v3 has gzip).</summary>
    public static ZarrCompressor Zlib(int level = 1) => new(new DeflateCodec(false, CheckLevel(level, 9)), $"zlib level {level}");

    /// <summary>gzip (RFC 1952) at <paramref name="level"/> 0–9.</summary>
    public static ZarrCompressor Gzip(int level = 5) => new(new DeflateCodec(true, CheckLevel(level, 9)), $"gzip level {level}");

    /// <summary>Zstandard at <paramref name="level"/> 1–22.</summary>
    public static ZarrCompressor Zstd(int level = 3) => new(new ZstdCodec(CheckLevel(level, 22)), $"zstd level {level}");

    /// <summary>
    /// Blosc frames with <paramref name="cname"/> (<c>lz4</c>, <c>lz4hc</c>, <c>zstd</c> or <c>zlib</c>) inside
    /// at <paramref name="level"/> 0–9, after <paramref name="shuffle"/>.
    /// </summary>
    public static ZarrCompressor Blosc(string cname = "lz4", int level = 5, ZarrBloscShuffle shuffle = ZarrBloscShuffle.Byte)
    {
        if (cname is not ("lz4" or "lz4hc" or "zstd" or "zlib"))
        {
            throw new ArgumentException($"Blosc cname '{cname}' cannot be written; use \"lz4\", \"lz4hc\", \"zstd\" or \"zlib\".", nameof(cname));
        }
        return new(new BloscCodec(cname, CheckLevel(level, 9), (BloscShuffleMode)shuffle, 0), $"blosc {cname} level {level} {shuffle} shuffle");
    }

    private static int CheckLevel(int level, int max) => level >= 0 && level <= max ? level
        : throw new ArgumentOutOfRangeException(nameof(level), $"The compression level is {level}; it must be between 0 and {max}.");

    /// <inheritdoc />
    public override string ToString() => Description;
}
