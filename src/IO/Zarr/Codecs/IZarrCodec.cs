using System.Text.Json.Nodes;

namespace Tessera.IO.Zarr.Codecs;

/// <summary>
/// One bytes-to-bytes compressor of a Zarr array (v2's <c>compressor</c>, v3's last codec).
/// Implementations are stateless or keep per-thread state, so chunks decode in parallel.
/// </summary>
internal interface IZarrCodec
{
    /// <summary>The codec's name in metadata (<c>zlib</c>, <c>gzip</c>, <c>zstd</c>, <c>blosc</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Compresses one chunk of <paramref name="typeSize"/>-byte elements into an array rented from
    /// <see cref="System.Buffers.ArrayPool{T}.Shared"/> (the caller returns it); chunks are megabytes,
    /// and fresh arrays that size would each cost a large-object allocation and, soon, a full GC.
    /// </summary>
    byte[] Encode(ReadOnlySpan<byte> data, int typeSize, out int length);

    /// <summary>
    /// Decompresses <paramref name="encoded"/> into <paramref name="destination"/>, which has exactly
    /// the chunk's decoded length; a different length is a <see cref="ZarrFormatException"/> for <paramref name="key"/>.
    /// </summary>
    void Decode(ArraySegment<byte> encoded, Span<byte> destination, string key);

    /// <summary>The v2 <c>compressor</c> object.</summary>
    JsonObject ToV2Json();

    /// <summary>The v3 codec object (<c>{"name": ..., "configuration": ...}</c>).</summary>
    JsonObject ToV3Json(int typeSize);
}
