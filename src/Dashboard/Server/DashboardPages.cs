namespace Tessera.Diagnostics;

/// <summary>The dashboard's four pages. Each is the one HTML template with its name filled in; the script draws by it.</summary>
internal static class DashboardPages
{
    public static readonly string[] Names = ["status", "graph", "workers", "profile"];

    public static string Html(string page)
    {
        var template = EmbeddedAssets.Text("page.html")
            ?? throw new InvalidOperationException("The dashboard's page.html is not embedded in Tessera.Dashboard; the build is broken.");
        var title = char.ToUpperInvariant(page[0]) + page[1..];
        return template.Replace("{{page}}", page, StringComparison.Ordinal).Replace("{{title}}", title, StringComparison.Ordinal);
    }
}
