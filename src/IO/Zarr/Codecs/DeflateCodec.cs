using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Tessera.IO.Zarr.Codecs;

/// <summary>
/// Deflate in its two wrappings: numcodecs' <c>zlib</c> (RFC 1950 header and Adler-32) and
/// <c>gzip</c> (RFC 1952, which v3 also names <c>gzip</c>), both through System.IO.Compression.
/// </summary>
internal sealed class DeflateCodec(bool gzip, int level) : IZarrCodec
{
    public string Name => gzip ? "gzip" : "zlib";

    public int Level { get; } = level;

    public byte[] Encode(ReadOnlySpan<byte> data, int typeSize, out int length)
    {
        var bytes = Compress(data);
        var output = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(1, bytes.Length));
        bytes.CopyTo(output, 0);
        length = bytes.Length;
        return output;
    }

    /// <summary>The compressed bytes in a fresh array (deflate output has no cheap exact bound).</summary>
    public byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length / 2 + 64);
        var compression = Level switch
        {
            0 => CompressionLevel.NoCompression,
            <= 3 => CompressionLevel.Fastest,
            <= 6 => CompressionLevel.Optimal,
            _ => CompressionLevel.SmallestSize,
        };
        using (Stream stream = gzip ? new GZipStream(output, compression, leaveOpen: true) : new ZLibStream(output, compression, leaveOpen: true))
        {
            stream.Write(data);
        }
        return output.ToArray();
    }

    public void Decode(ArraySegment<byte> encoded, Span<byte> destination, string key) => Inflate(encoded.Array!, encoded.Offset, encoded.Count, gzip, destination, key);

    /// <summary>Inflates <paramref name="count"/> bytes at <paramref name="offset"/>, which must fill <paramref name="destination"/> exactly.</summary>
    public static void Inflate(byte[] encoded, int offset, int count, bool gzip, Span<byte> destination, string key)
    {
        try
        {
            using var input = new MemoryStream(encoded, offset, count, writable: false);
            using Stream stream = gzip ? new GZipStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
            var read = stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
            if (read != destination.Length || stream.ReadByte() >= 0)
            {
                throw new ZarrFormatException(key, $"{(gzip ? "gzip" : "zlib")} data decompresses to {(read < destination.Length ? read.ToString(System.Globalization.CultureInfo.InvariantCulture) : "more than " + destination.Length)} bytes; the chunk holds {destination.Length}.");
            }
        }
        catch (InvalidDataException e)
        {
            throw new ZarrFormatException(key, $"{(gzip ? "gzip" : "zlib")} data is corrupt: {e.Message}", e);
        }
    }

    public JsonObject ToV2Json() => new() { ["id"] = Name, ["level"] = Level };

    public JsonObject ToV3Json(int typeSize) => gzip
        ? new() { ["name"] = "gzip", ["configuration"] = new JsonObject { ["level"] = Level } }
        : throw new NotSupportedException("Zarr v3 has no zlib codec; use ZarrCompressor.Gzip for v3 stores.");
}
