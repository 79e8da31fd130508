namespace Tessera;

/// <summary>Facts about the Tessera build a program is running against.</summary>
public static class TesseraInfo
{
    /// <summary>The informational version of the Tessera facade assembly.</summary>
    public static string Version =>
        typeof(TesseraInfo).Assembly.GetName().Version?.ToString() ?? "unknown";
}
