using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Tessera.Diagnostics.Tests.Browser;

/// <summary>
/// One headless Chromium for a test class, driven by Debian's chromedriver (no driver download:
/// the paths are given, so Selenium Manager is not asked). Screenshots go to the folder named by
/// TESSERA_DASHBOARD_SCREENSHOTS (docs/images to refresh the README's), else to the test output.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    private readonly Lazy<ChromeDriver> _driver = new(Launch);

    public ChromeDriver Driver => _driver.Value;

    public string ScreenshotFolder { get; } =
        Environment.GetEnvironmentVariable("TESSERA_DASHBOARD_SCREENSHOTS") is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    private static ChromeDriver Launch()
    {
        BrowserFactAttribute.RequireInstalled();
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(BrowserFactAttribute.ChromeDriver)!,
            Path.GetFileName(BrowserFactAttribute.ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserFactAttribute.Chromium };
        // --no-sandbox: the tests run as root in CI, where Chromium's sandbox refuses to start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=1400,1200", "--allow-file-access-from-files");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting until {what}.");
            }
            Thread.Sleep(50);
        }
    }

    public object? Script(string script, params object[] args) => Driver.ExecuteScript(script, args);

    public long Number(string script) => Convert.ToInt64(Script(script) ?? -1L, System.Globalization.CultureInfo.InvariantCulture);

    public void Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        Driver.GetScreenshot().SaveAsFile(Path.Combine(ScreenshotFolder, name));
    }

    public void Dispose()
    {
        if (_driver.IsValueCreated)
        {
            _driver.Value.Quit();
        }
    }
}
