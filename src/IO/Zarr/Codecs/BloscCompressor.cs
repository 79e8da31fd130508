namespace Tessera.IO.Zarr.Codecs;

/// <summary>The codecs a Blosc 1 frame can hold, by their 3-bit format code in the header flags.</summary>
internal enum BloscCompressor
{
    BloscLz = 0,
    Lz4 = 1,
    Snappy = 2,
    Zlib = 3,
    Zstd = 4,
}

/// <summary>Blosc's pre-conditioner, by the number numcodecs and the v2 metadata use.</summary>
internal enum BloscShuffleMode
{
    NoShuffle = 0,
    ByteShuffle = 1,
    BitShuffle = 2,
}
