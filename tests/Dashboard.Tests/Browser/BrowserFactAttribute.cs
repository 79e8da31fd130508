namespace Tessera.Diagnostics.Tests.Browser;

/// <summary>
/// A test that drives Debian's Chromium through chromedriver. It is skipped, saying why, only when
/// they are not installed (./test.sh installs them: apt-get install chromium chromium-driver).
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
        {
            Skip = $"Chromium or chromedriver is not installed ({Chromium}, {ChromeDriver}); install them with " +
                   "apt-get install chromium chromium-driver, as ./test.sh does.";
        }
    }
}
