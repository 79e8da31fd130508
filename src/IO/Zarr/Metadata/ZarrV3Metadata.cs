using System.Text.Json.Nodes;
using Tessera.IO.Zarr.Codecs;

namespace Tessera.IO.Zarr.Metadata;

/// <summary>
/// Zarr v3's array <c>zarr.json</c>, read and written: a regular chunk grid, the default or v2
/// chunk key encoding, and a codec chain of an optional <c>transpose</c>, the <c>bytes</c> codec
/// (its endianness) and at most one compressor (gzip, zstd or blosc).
/// </summary>
internal static class ZarrV3Metadata
{
    public static ZarrArrayMetadata Parse(JsonNode json, string key)
    {
        if (json["zarr_format"]?.GetValue<int>() is not 3 || json["node_type"]?.GetValue<string>() != "array")
        {
            throw new ZarrFormatException(key, "expected zarr_format 3 and node_type \"array\".");
        }
        var dtype = ZarrDataType.ParseV3(json["data_type"] is JsonValue v && v.TryGetValue<string>(out var t) ? t
            : throw new ZarrFormatException(key, $"data_type {json["data_type"]?.ToJsonString() ?? "is missing"}; expected a name such as \"float32\"."), key);
        var grid = json["chunk_grid"];
        if (grid?["name"]?.GetValue<string>() != "regular")
        {
            throw new NotSupportedException($"'{key}' has chunk_grid {grid?.ToJsonString() ?? "missing"}; Tessera reads the \"regular\" grid.");
        }
        var encoding = json["chunk_key_encoding"];
        var encodingName = encoding?["name"]?.GetValue<string>() ?? "default";
        var separator = encoding?["configuration"]?["separator"]?.GetValue<string>() ?? (encodingName == "v2" ? "." : "/");
        var keys = encodingName switch
        {
            "default" => ZarrChunkKeys.V3Default(separator[0]),
            "v2" => ZarrChunkKeys.V2(separator[0]),
            _ => throw new ZarrFormatException(key, $"chunk_key_encoding \"{encodingName}\" is unknown; expected \"default\" or \"v2\"."),
        };
        var shape = ZarrArrayMetadata.Longs(json["shape"], "shape", key);
        int[]? order = null;
        var bigEndian = false;
        IZarrCodec? compressor = null;
        var sawBytes = false;
        foreach (var codec in json["codecs"] as JsonArray ?? throw new ZarrFormatException(key, "\"codecs\" is missing."))
        {
            var name = codec?["name"]?.GetValue<string>() ?? throw new ZarrFormatException(key, "a codec has no name.");
            var configuration = codec["configuration"];
            switch (name)
            {
                case "transpose" when !sawBytes:
                    order = [.. ZarrArrayMetadata.Longs(configuration?["order"], "order", key).Select(o => (int)o)];
                    if (order.Length != shape.Length || !order.Order().SequenceEqual(Enumerable.Range(0, shape.Length)))
                    {
                        throw new ZarrFormatException(key, $"the transpose order [{string.Join(", ", order)}] is not a permutation of the {shape.Length} axes.");
                    }
                    break;
                case "bytes":
                    sawBytes = true;
                    bigEndian = configuration?["endian"]?.GetValue<string>() == "big" && dtype.Size > 1;
                    break;
                case var _ when sawBytes && compressor is null:
                    compressor = ZarrCodecs.FromV3(name, configuration, key);
                    break;
                default:
                    throw new NotSupportedException(
                        $"'{key}' has the codec chain {json["codecs"]!.ToJsonString()}; Tessera reads an optional transpose, bytes, and at most one " +
                        "compressor (gzip, zstd or blosc). Sharding and checksums (crc32c) are not supported.");
            }
        }
        var attributes = json["attributes"] as JsonObject ?? [];
        var metadata = new ZarrArrayMetadata
        {
            Format = 3,
            Shape = shape,
            ChunkShape = ZarrArrayMetadata.Longs(grid["configuration"]?["chunk_shape"], "chunk_shape", key),
            DataType = dtype with { BigEndian = bigEndian },
            FillValue = ZarrFillValue.Parse(json["fill_value"], dtype.DType, key),
            FillValueJson = json["fill_value"]?.DeepClone(),
            StoredAxisOrder = order is not null && !order.SequenceEqual(Enumerable.Range(0, order.Length)) ? order : null,
            Compressor = compressor,
            ChunkKeys = keys,
            Attributes = (JsonObject)attributes.DeepClone(),
            DimensionNames = ZarrArrayMetadata.Names(json["dimension_names"]) ?? ZarrArrayMetadata.Names(attributes[ZarrArrayMetadata.XarrayDimensions]),
        };
        metadata.Validate(key);
        return metadata;
    }

    public static JsonObject ToJson(ZarrArrayMetadata metadata)
    {
        var codecs = new JsonArray { new JsonObject { ["name"] = "bytes", ["configuration"] = new JsonObject { ["endian"] = "little" } } };
        if (metadata.Compressor is { } compressor)
        {
            codecs.Add(compressor.ToV3Json(metadata.DataType.Size));
        }
        var json = new JsonObject
        {
            ["zarr_format"] = 3,
            ["node_type"] = "array",
            ["shape"] = new JsonArray([.. metadata.Shape.Select(c => JsonValue.Create(c))]),
            ["data_type"] = ZarrDataType.V3Name(metadata.DataType.DType),
            ["chunk_grid"] = new JsonObject
            {
                ["name"] = "regular",
                ["configuration"] = new JsonObject { ["chunk_shape"] = new JsonArray([.. metadata.ChunkShape.Select(c => JsonValue.Create(c))]) },
            },
            ["chunk_key_encoding"] = new JsonObject
            {
                ["name"] = metadata.ChunkKeys.IsV3Default ? "default" : "v2",
                ["configuration"] = new JsonObject { ["separator"] = metadata.ChunkKeys.Separator.ToString() },
            },
            // v3 requires a fill value; zero stands in for "none".
            ["fill_value"] = metadata.FillValueJson?.DeepClone() ?? (metadata.DataType.DType == DType.Bool ? JsonValue.Create(false) : JsonValue.Create(0)),
            ["codecs"] = codecs,
            ["attributes"] = metadata.Attributes.DeepClone(),
        };
        if (metadata.DimensionNames is { } names)
        {
            json["dimension_names"] = new JsonArray([.. names.Select(n => JsonValue.Create(n))]);
        }
        return json;
    }
}
