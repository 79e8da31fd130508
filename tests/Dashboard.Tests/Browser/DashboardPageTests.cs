using Tessera.Scheduling;

namespace Tessera.Diagnostics.Tests.Browser;

/// <summary>The dashboard's pages in a real browser, while a run works and after it.</summary>
public sealed class DashboardPageTests(HeadlessChromium browser) : IClassFixture<HeadlessChromium>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [BrowserFact]
    public void StatusPage_DuringARun_TaskStreamAndProgressMove_ThenShowFinalCounts()
    {
        using var dashboard = Dashboard.Start(port: 0);
        browser.Driver.Navigate().GoToUrl(dashboard.Url);
        HeadlessChromium.WaitUntil(() => browser.Number("return window.tesseraUpdates") > 0, Patience, "the page received its first update");

        // The test lets the run go on in steps (each work task waits for a permit), so what the page
        // must show at each step is known exactly, however slow the host.
        using var gate = new SemaphoreSlim(0);
        var (graph, top) = SampleGraphs.Tree(80, gate);
        var run = Task.Run(() => (long)GraphRunner.Run(graph, [top], new ComputeOptions { MaxDegreeOfParallelism = 2 })[0]!);
        var bars = new List<long>();
        foreach (var workDone in new[] { 10, 30 })
        {
            gate.Release(workDone - (bars.Count == 0 ? 0 : 10));
            HeadlessChromium.WaitUntil(() => WorkRow("done") == workDone && WorkRow("running") == 2, Patience,
                $"the page showed {workDone} work tasks done and 2 running (both workers wait at the gate)");
            Assert.Equal("false", browser.Script("return document.getElementById('run-summary').dataset.finished"));
            bars.Add(browser.Number("return +document.getElementById('stream').dataset.bars"));
            if (workDone == 30)
            {
                browser.Screenshot("dashboard-status.png");
            }
        }
        // Finished tasks and the two running ones are bars: at least 12, then at least 32, growing.
        Assert.True(bars[0] >= 12 && bars[1] >= 32 && bars[1] > bars[0], $"task bars seen: {string.Join(", ", bars)}");
        gate.Release(50);
        Assert.Equal(SampleGraphs.Sum(80), run.Result);

        HeadlessChromium.WaitUntil(() => (string?)browser.Script("return document.getElementById('run-summary').dataset.finished") == "true",
            Patience, "the page showed the run finished");
        Assert.Equal(159, browser.Number("return +document.getElementById('run-summary').dataset.done"));
        Assert.Equal(80, browser.Number("return +document.querySelector('#progress [data-kind=work]').dataset.done"));
        Assert.Equal(79, browser.Number("return +document.querySelector('#progress [data-kind=add]').dataset.done"));
        Assert.Equal(159, browser.Number("return +document.getElementById('stream').dataset.bars"));
        Assert.Equal(0, WorkRow("running"));
    }

    private long WorkRow(string field) =>
        browser.Number($"var r = document.querySelector('#progress [data-kind=work]'); return r ? +r.dataset.{field} : -1");

    [BrowserFact]
    public void GraphPage_SmallGraph_DrawsEveryTaskDone()
    {
        using var dashboard = Dashboard.Start(port: 0);
        var (graph, top) = SampleGraphs.Tree(24);
        GraphRunner.Run(graph, [top], new ComputeOptions { MaxDegreeOfParallelism = 2 });
        browser.Driver.Navigate().GoToUrl(new Uri(dashboard.Url, "/graph"));
        HeadlessChromium.WaitUntil(() => browser.Number("return +(document.getElementById('graph').dataset.nodes || 0)") == 47,
            Patience, "the graph page drew the 47 tasks");
        // The canvas holds pixels of the "done" colour (#43a047): the nodes were really painted.
        var green = browser.Number("""
            var c = document.getElementById('graph'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;
            for (var i = 0; i < d.length; i += 4) if (d[i] === 0x43 && d[i + 1] === 0xa0 && d[i + 2] === 0x47) n++;
            return n;
            """);
        Assert.True(green > 47, $"only {green} pixels of the done colour");
        browser.Screenshot("dashboard-graph.png");
    }

    [BrowserFact]
    public void WorkersAndProfilePages_AfterARun_ListWorkersAndKinds()
    {
        using var dashboard = Dashboard.Start(port: 0);
        var (graph, top) = SampleGraphs.Tree(40, workMs: 5);
        GraphRunner.Run(graph, [top], new ComputeOptions { MaxDegreeOfParallelism = 2 });

        browser.Driver.Navigate().GoToUrl(new Uri(dashboard.Url, "/workers"));
        HeadlessChromium.WaitUntil(() => browser.Number("return document.querySelectorAll('#workers tr').length") == 3,
            Patience, "the workers table listed two workers");
        var workerDone = browser.Number("""
            return [...document.querySelectorAll('#workers tr')].slice(1).reduce((s, r) => s + +r.cells[2].textContent, 0);
            """);
        Assert.Equal(79, workerDone);
        browser.Screenshot("dashboard-workers.png");

        browser.Driver.Navigate().GoToUrl(new Uri(dashboard.Url, "/profile"));
        HeadlessChromium.WaitUntil(() => browser.Number("return document.querySelectorAll('#profile tr').length") == 3,
            Patience, "the profile listed the two kinds");
        var kinds = (string)browser.Script("return [...document.querySelectorAll('#profile tr')].slice(1).map(r => r.cells[0].textContent + '=' + r.cells[1].textContent).join(',')")!;
        Assert.Equal("work=40,add=39", kinds); // work sleeps, so it has the most time and comes first
        Assert.Equal(10, browser.Number("return document.querySelectorAll('#slowest tr').length - 1"));
        browser.Screenshot("dashboard-profile.png");
    }
}
