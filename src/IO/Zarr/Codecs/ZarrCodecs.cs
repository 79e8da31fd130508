using System.Text.Json.Nodes;

namespace Tessera.IO.Zarr.Codecs;

/// <summary>Builds codecs from metadata: v2 <c>compressor</c> objects and v3 codec entries.</summary>
internal static class ZarrCodecs
{
    public static IZarrCodec? FromV2(JsonNode? compressor, string key)
    {
        if (compressor is null)
        {
            return null;
        }
        var id = Text(compressor, "id", key);
        return id switch
        {
            "zlib" => new DeflateCodec(false, Int(compressor, "level", 1)),
            "gzip" => new DeflateCodec(true, Int(compressor, "level", 1)),
            "zstd" => new ZstdCodec(Int(compressor, "level", 1)),
            "blosc" => new BloscCodec(Text(compressor, "cname", key), Int(compressor, "clevel", 5),
                Int(compressor, "shuffle", 1) switch
                {
                    0 => BloscShuffleMode.NoShuffle,
                    2 => BloscShuffleMode.BitShuffle,
                    _ => BloscShuffleMode.ByteShuffle,
                }, Int(compressor, "blocksize", 0)),
            _ => throw Unsupported(key, id),
        };
    }

    public static IZarrCodec FromV3(string name, JsonNode? configuration, string key) => name switch
    {
        "gzip" => new DeflateCodec(true, Int(configuration, "level", 5)),
        "zstd" => new ZstdCodec(Int(configuration, "level", 0)),
        "blosc" => new BloscCodec(Text(configuration!, "cname", key), Int(configuration, "clevel", 5),
            configuration?["shuffle"]?.GetValue<string>() switch
            {
                "bitshuffle" => BloscShuffleMode.BitShuffle,
                "shuffle" => BloscShuffleMode.ByteShuffle,
                _ => BloscShuffleMode.NoShuffle,
            }, Int(configuration, "blocksize", 0)),
        _ => throw Unsupported(key, name),
    };

    private static NotSupportedException Unsupported(string key, string name) => new(
        $"'{key}' uses the codec '{name}', which Tessera does not decode. Supported compressors: zlib, gzip, zstd and blosc " +
        "(lz4, lz4hc, zstd or zlib inside). Rewrite the array with one of them, e.g. zarr.Blosc(cname='lz4') in Python.");

    private static string Text(JsonNode node, string name, string key) =>
        node[name]?.GetValue<string>() ?? throw new ZarrFormatException(key, $"the codec has no \"{name}\".");

    private static int Int(JsonNode? node, string name, int fallback) => node?[name] is { } v ? v.GetValue<int>() : fallback;
}
