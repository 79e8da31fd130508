using System.Text.Json.Nodes;

namespace Tessera.IO.Zarr.Codecs;

/// <summary>
/// numcodecs' and v3's <c>blosc</c> codec over <see cref="BloscFrame"/>. Decoding needs nothing
/// from the metadata (the frame header says it all); the settings matter for writing.
/// </summary>
internal sealed class BloscCodec(string cname, int level, BloscShuffleMode shuffle, int blockSize) : IZarrCodec
{
    public string Name => "blosc";

    public string CName { get; } = cname;

    public int Level { get; } = level;

    public BloscShuffleMode Shuffle { get; } = shuffle;

    public byte[] Encode(ReadOnlySpan<byte> data, int typeSize, out int length) =>
        BloscFrame.Encode(data, typeSize, Compressor(CName), Level, Shuffle, out length, blockSize);

    public void Decode(ArraySegment<byte> encoded, Span<byte> destination, string key) => BloscFrame.Decode(encoded, destination, key);

    public JsonObject ToV2Json() =>
        new() { ["id"] = "blosc", ["cname"] = CName, ["clevel"] = Level, ["shuffle"] = (int)Shuffle, ["blocksize"] = blockSize };

    public JsonObject ToV3Json(int typeSize) => new()
    {
        ["name"] = "blosc",
        ["configuration"] = new JsonObject
        {
            ["cname"] = CName,
            ["clevel"] = Level,
            ["shuffle"] = Shuffle switch
            {
                BloscShuffleMode.ByteShuffle => "shuffle",
                BloscShuffleMode.BitShuffle => "bitshuffle",
                _ => "noshuffle",
            },
            ["typesize"] = typeSize,
            ["blocksize"] = blockSize,
        },
    };

    /// <summary>The frame codec for a cname; lz4hc shares lz4's stream format.</summary>
    public static BloscCompressor Compressor(string cname) => cname switch
    {
        "lz4" or "lz4hc" => BloscCompressor.Lz4,
        "zstd" => BloscCompressor.Zstd,
        "zlib" => BloscCompressor.Zlib,
        "blosclz" => BloscCompressor.BloscLz,
        "snappy" => BloscCompressor.Snappy,
        _ => throw new ArgumentException($"Blosc cname '{cname}' is unknown; use lz4, lz4hc, zstd or zlib."),
    };
}
