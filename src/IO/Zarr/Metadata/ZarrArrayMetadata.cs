using System.Text.Json.Nodes;
using Tessera.IO.Zarr.Codecs;

namespace Tessera.IO.Zarr.Metadata;

/// <summary>
/// What Tessera needs of an array's metadata, whichever version it came from: shape, the regular
/// chunk grid, element type and byte order, the fill value, how chunks are laid out (C order or
/// a permutation of the axes: v2's F order, v3's transpose codec), the compressor, the chunk
/// key encoding, the user attributes and the dimension names.
/// </summary>
internal sealed class ZarrArrayMetadata
{
    public required int Format { get; init; }

    public required long[] Shape { get; init; }

    public required long[] ChunkShape { get; init; }

    public required ZarrDataType DataType { get; init; }

    public required byte[] FillValue { get; init; }

    /// <summary>The fill value as the metadata wrote it (for copying metadata through).</summary>
    public JsonNode? FillValueJson { get; init; }

    /// <summary>Null for C order; else the axis order of the stored chunk (v2 'F' is the reversed axes).</summary>
    public int[]? StoredAxisOrder { get; init; }

    public IZarrCodec? Compressor { get; init; }

    public required ZarrChunkKeys ChunkKeys { get; init; }

    public required JsonObject Attributes { get; init; }

    public string[]? DimensionNames { get; init; }

    public int Rank => Shape.Length;

    public long ChunkLength => ChunkShape.Aggregate(1L, (a, b) => a * b);

    public long[] GridShape => [.. Shape.Select((s, d) => (s + ChunkShape[d] - 1) / ChunkShape[d])];

    /// <summary>The attribute xarray keeps dimension names in, in v2 stores.</summary>
    public const string XarrayDimensions = "_ARRAY_DIMENSIONS";

    public void Validate(string key)
    {
        if (ChunkShape.Length != Shape.Length)
        {
            throw new ZarrFormatException(key, $"shape has {Shape.Length} dimensions but chunks has {ChunkShape.Length}; they must match.");
        }
        if (Shape.Any(s => s < 0) || ChunkShape.Any(c => c <= 0))
        {
            throw new ZarrFormatException(key, $"shape [{string.Join(", ", Shape)}] and chunks [{string.Join(", ", ChunkShape)}] must be non-negative and positive.");
        }
        if (ChunkLength * DataType.Size > int.MaxValue)
        {
            throw new ZarrFormatException(key, $"one chunk of [{string.Join(", ", ChunkShape)}] is {ChunkLength * DataType.Size} bytes; Tessera decodes chunks of up to 2 GiB.");
        }
        if (DimensionNames is { } names && names.Length != Shape.Length)
        {
            throw new ZarrFormatException(key, $"{names.Length} dimension names are given for {Shape.Length} dimensions.");
        }
    }

    public static long[] Longs(JsonNode? node, string name, string key) =>
        node is JsonArray array ? [.. array.Select(v => v!.GetValue<long>())]
        : throw new ZarrFormatException(key, $"\"{name}\" is missing or not an array of integers.");

    public static string[]? Names(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(v => v?.GetValue<string>() ?? "")] : null;
}
