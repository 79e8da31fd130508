namespace Tessera.Diagnostics;

/// <summary>The pages' HTML, JavaScript and CSS, embedded in this assembly (see the project file).</summary>
internal static class EmbeddedAssets
{
    /// <summary>The text of asset <paramref name="name"/> (e.g. "charts.js"), or null when there is none.</summary>
    public static string? Text(string name)
    {
        using var stream = typeof(EmbeddedAssets).Assembly.GetManifestResourceStream("Tessera.Dashboard." + name);
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The content type to serve <paramref name="name"/> with.</summary>
    public static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    };
}
