using Tessera.Scheduling;

namespace Tessera.Diagnostics.Tests.Browser;

/// <summary>A performance report opened from disk (file://), with no server running.</summary>
public sealed class ReportPageTests(HeadlessChromium browser) : IClassFixture<HeadlessChromium>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tessera-report-page-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [BrowserFact]
    public void Report_OpenedOffline_ShowsStreamProgressProfileResourcesAndOptions()
    {
        var path = Path.Combine(_folder, "report.html");
        using (PerformanceReport.Start(path))
        {
            var (graph, top) = SampleGraphs.Tree(60, workMs: 5);
            GraphRunner.Run(graph, [top], new ComputeOptions { MaxDegreeOfParallelism = 2 });
        }
        browser.Driver.Navigate().GoToUrl(new Uri(path).AbsoluteUri);
        HeadlessChromium.WaitUntil(() => browser.Script("return window.tesseraReportDrawn === true") is true,
            TimeSpan.FromSeconds(30), "the report drew itself");

        Assert.Equal(119, browser.Number("return +document.getElementById('stream-0').dataset.bars"));
        Assert.Equal(60, browser.Number("return +document.querySelector('#progress-0 [data-kind=work]').dataset.done"));
        Assert.Contains("work", (string)browser.Script("return document.querySelector('#run-1 .profile').textContent")!);
        Assert.Contains("MaxDegreeOfParallelism", (string)browser.Script("return document.querySelector('#run-1 .options').textContent")!);
        Assert.True(browser.Number("return document.getElementById('cpu-chart').width") > 0);
        // Nothing failed to load: the page made no network requests at all.
        Assert.Equal(0, browser.Number("return performance.getEntriesByType('resource').length"));
        browser.Screenshot("dashboard-report.png");
    }
}
