using System.Text.Json.Nodes;
using Tessera.IO.Zarr.Codecs;

namespace Tessera.IO.Zarr.Metadata;

/// <summary>Zarr v2's <c>.zarray</c> (with the array's <c>.zattrs</c>), read and written.</summary>
internal static class ZarrV2Metadata
{
    public static ZarrArrayMetadata Parse(JsonNode zarray, JsonNode? zattrs, string key)
    {
        if (zarray["zarr_format"]?.GetValue<int>() is not 2)
        {
            throw new ZarrFormatException(key, $"zarr_format is {zarray["zarr_format"]?.ToJsonString() ?? "missing"}; a .zarray document has zarr_format 2.");
        }
        var dtype = ZarrDataType.ParseV2(zarray["dtype"] is JsonValue v && v.TryGetValue<string>(out var t) ? t
            : throw new ZarrFormatException(key, $"dtype {zarray["dtype"]?.ToJsonString() ?? "is missing"}; only simple types such as \"<f4\" are supported, not structured ones."), key);
        if (zarray["filters"] is JsonArray { Count: > 0 } filters)
        {
            throw new NotSupportedException(
                $"'{key}' has filters ({filters.ToJsonString()}); Tessera reads arrays without v2 filters. Rewrite the array with filters=None.");
        }
        var order = zarray["order"]?.GetValue<string>() ?? "C";
        if (order is not ("C" or "F"))
        {
            throw new ZarrFormatException(key, $"order is \"{order}\"; expected \"C\" or \"F\".");
        }
        var separator = zarray["dimension_separator"]?.GetValue<string>() ?? ".";
        if (separator is not ("." or "/"))
        {
            throw new ZarrFormatException(key, $"dimension_separator is \"{separator}\"; expected \".\" or \"/\".");
        }
        var shape = ZarrArrayMetadata.Longs(zarray["shape"], "shape", key);
        var attributes = zattrs as JsonObject ?? [];
        var metadata = new ZarrArrayMetadata
        {
            Format = 2,
            Shape = shape,
            ChunkShape = ZarrArrayMetadata.Longs(zarray["chunks"], "chunks", key),
            DataType = dtype,
            FillValue = ZarrFillValue.Parse(zarray["fill_value"], dtype.DType, key),
            FillValueJson = zarray["fill_value"]?.DeepClone(),
            StoredAxisOrder = order == "F" && shape.Length > 1 ? [.. Enumerable.Range(0, shape.Length).Reverse()] : null,
            Compressor = ZarrCodecs.FromV2(zarray["compressor"], key),
            ChunkKeys = ZarrChunkKeys.V2(separator[0]),
            Attributes = attributes,
            DimensionNames = ZarrArrayMetadata.Names(attributes[ZarrArrayMetadata.XarrayDimensions]),
        };
        metadata.Validate(key);
        return metadata;
    }

    public static JsonObject ToZarray(ZarrArrayMetadata metadata) => new()
    {
        ["chunks"] = new JsonArray([.. metadata.ChunkShape.Select(c => JsonValue.Create(c))]),
        ["compressor"] = metadata.Compressor?.ToV2Json(),
        ["dimension_separator"] = metadata.ChunkKeys.Separator.ToString(),
        ["dtype"] = ZarrDataType.V2Name(metadata.DataType.DType),
        ["fill_value"] = metadata.FillValueJson?.DeepClone(),
        ["filters"] = null,
        ["order"] = "C",
        ["shape"] = new JsonArray([.. metadata.Shape.Select(c => JsonValue.Create(c))]),
        ["zarr_format"] = 2,
    };

    /// <summary>The <c>.zattrs</c>: the user's attributes plus xarray's dimension names.</summary>
    public static JsonObject ToZattrs(ZarrArrayMetadata metadata)
    {
        var attributes = (JsonObject)metadata.Attributes.DeepClone();
        if (metadata.DimensionNames is { } names)
        {
            attributes[ZarrArrayMetadata.XarrayDimensions] = new JsonArray([.. names.Select(n => JsonValue.Create(n))]);
        }
        return attributes;
    }
}
