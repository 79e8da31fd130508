namespace Tessera.Diagnostics.Tests.Browser;

/// <summary>
/// A test that drives Debian's Chromium through chromedriver (./test.sh installs them). It is never
/// skipped: without them it fails, saying what to install, so a missing browser cannot hide a
/// dashboard that stopped working.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";

    /// <summary>Throws, naming the fix, when Chromium or chromedriver is missing.</summary>
    public static void RequireInstalled()
    {
        if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
        {
            throw new InvalidOperationException(
                $"Chromium or chromedriver is not installed ({Chromium}, {ChromeDriver}); install them with " +
                "apt-get install chromium chromium-driver, as ./test.sh does.");
        }
    }
}
