using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.IO.Zarr.Metadata;
using Tessera.IO.Zarr.Store;

namespace Tessera.IO.Zarr;

/// <summary>
/// Finds an array's metadata in a store: v2 <c>.zarray</c>/<c>.zattrs</c> (from the consolidated
/// <c>.zmetadata</c> at the root when there is one, as <c>zarr.open_consolidated</c> does), else
/// v3 <c>zarr.json</c>; and lists the arrays a store holds.
/// </summary>
internal static class ZarrStoreLayout
{
    public const string Consolidated = ".zmetadata";

    public static string Normalize(string array) => array.Trim('/');

    public static string Key(string array, string name) => array.Length == 0 ? name : array + "/" + name;

    public static ZarrArrayMetadata Read(ZarrDirectoryStore store, string array)
    {
        if (!Directory.Exists(store.Root))
        {
            throw new DirectoryNotFoundException($"The Zarr store '{store.Root}' does not exist; give the directory that holds the .zgroup (v2) or zarr.json (v3).");
        }
        var consolidated = ReadConsolidated(store);
        var zarrayKey = Key(array, ".zarray");
        var zarray = consolidated?[zarrayKey] ?? Parse(store, zarrayKey);
        if (zarray is not null)
        {
            var zattrsKey = Key(array, ".zattrs");
            var zattrs = consolidated is not null && consolidated.ContainsKey(zarrayKey) ? consolidated[zattrsKey] : Parse(store, zattrsKey);
            return ZarrV2Metadata.Parse(zarray, zattrs?.DeepClone(), zarrayKey);
        }
        var v3Key = Key(array, "zarr.json");
        if (Parse(store, v3Key) is { } v3)
        {
            return ZarrV3Metadata.Parse(v3, v3Key);
        }
        var found = List(store);
        throw new KeyNotFoundException(
            $"The Zarr store '{store.Root}' has no array '{array}' (no {zarrayKey} or {v3Key}). " +
            (found.Count > 0 ? $"Its arrays are: {string.Join(", ", found)}." : "It holds no arrays."));
    }

    /// <summary>The paths of the arrays in the store, v2 and v3.</summary>
    public static IReadOnlyList<string> List(ZarrDirectoryStore store)
    {
        var v2 = store.KeysNamed(".zarray").Select(k => k[..^".zarray".Length].TrimEnd('/'));
        var v3 = store.KeysNamed("zarr.json")
            .Where(k => Parse(store, k)?["node_type"]?.GetValue<string>() == "array")
            .Select(k => k[..^"zarr.json".Length].TrimEnd('/'));
        return [.. v2.Concat(v3).Order(StringComparer.Ordinal)];
    }

    public static JsonObject? ReadConsolidated(ZarrDirectoryStore store) =>
        Parse(store, Consolidated)?["metadata"] as JsonObject;

    /// <summary>
    /// Rewrites the root's <c>.zmetadata</c> from every v2 <c>.zgroup</c>, <c>.zarray</c> and
    /// <c>.zattrs</c> in the store, as <c>zarr.consolidate_metadata</c> does.
    /// </summary>
    public static void WriteConsolidated(ZarrDirectoryStore store)
    {
        var metadata = new JsonObject();
        foreach (var key in new[] { ".zgroup", ".zarray", ".zattrs" }.SelectMany(store.KeysNamed).Order(StringComparer.Ordinal))
        {
            metadata[key] = Parse(store, key);
        }
        var document = new JsonObject { ["metadata"] = metadata, ["zarr_consolidated_format"] = 1 };
        WriteJson(store, Consolidated, document);
    }

    public static JsonNode? Parse(ZarrDirectoryStore store, string key)
    {
        var bytes = store.TryRead(key);
        if (bytes is null)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ZarrFormatException(key, $"the document is not valid JSON: {e.Message}", e);
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void WriteJson(ZarrDirectoryStore store, string key, JsonNode document) =>
        store.Write(key, System.Text.Encoding.UTF8.GetBytes(document.ToJsonString(Indented)));
}
