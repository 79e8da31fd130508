using System.Text.Json.Nodes;
using ZstdSharp;

namespace Tessera.IO.Zarr.Codecs;

/// <summary>Zstandard frames through ZstdSharp; one decompression context per thread, since contexts are not thread-safe.</summary>
internal sealed class ZstdCodec(int level) : IZarrCodec
{
    [ThreadStatic]
    private static Decompressor? t_decompressor;

    public string Name => "zstd";

    public int Level { get; } = level;

    public byte[] Encode(ReadOnlySpan<byte> data, int typeSize, out int length)
    {
        using var compressor = new Compressor(Level);
        var output = System.Buffers.ArrayPool<byte>.Shared.Rent(Compressor.GetCompressBound(data.Length));
        length = compressor.Wrap(data, output);
        return output;
    }

    public void Decode(ArraySegment<byte> encoded, Span<byte> destination, string key) => Decompress(encoded.AsSpan(), destination, key);

    /// <summary>Decompresses one frame, which must fill <paramref name="destination"/> exactly.</summary>
    public static void Decompress(ReadOnlySpan<byte> encoded, Span<byte> destination, string key)
    {
        int written;
        try
        {
            written = (t_decompressor ??= new Decompressor()).Unwrap(encoded, destination);
        }
        catch (ZstdException e)
        {
            throw new ZarrFormatException(key, $"zstd data is corrupt or larger than the chunk's {destination.Length} bytes: {e.Message}", e);
        }
        if (written != destination.Length)
        {
            throw new ZarrFormatException(key, $"zstd data decompresses to {written} bytes; the chunk holds {destination.Length}.");
        }
    }

    public JsonObject ToV2Json() => new() { ["id"] = "zstd", ["level"] = Level };

    public JsonObject ToV3Json(int typeSize) =>
        new() { ["name"] = "zstd", ["configuration"] = new JsonObject { ["level"] = Level, ["checksum"] = false } };
}
