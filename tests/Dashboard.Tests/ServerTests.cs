using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Tessera.Diagnostics;
using Tessera.Scheduling;

namespace Tessera.Diagnostics.Tests;

/// <summary>The server's pages and JSON endpoints, over HTTP, without a browser.</summary>
public sealed class ServerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task Pages_AreServedWithTheirScripts()
    {
        using var dashboard = Dashboard.Start(port: 0);
        Assert.Equal("127.0.0.1", dashboard.Url.Host);
        Assert.Equal("/status", dashboard.Url.AbsolutePath);
        foreach (var page in new[] { "status", "graph", "workers", "profile" })
        {
            var html = await Http.GetStringAsync(new Uri(dashboard.Url, "/" + page));
            Assert.Contains($"data-page=\"{page}\"", html);
            Assert.Contains("/assets/dashboard.js", html);
        }
        var charts = await Http.GetAsync(new Uri(dashboard.Url, "/assets/charts.js"));
        Assert.Equal("text/javascript", charts.Content.Headers.ContentType?.MediaType);
        Assert.Contains("TesseraCharts", await charts.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(dashboard.Url, "/assets/missing.js"))).StatusCode);
    }

    [Fact]
    public async Task Status_AfterARun_ShowsItsFinalCounts()
    {
        using var dashboard = Dashboard.Start(port: 0);
        var (graph, top) = SampleGraphs.Tree(64);
        // No observer in the options: the dashboard sees the run through ComputeObservers.
        GraphRunner.Run(graph, [top], new ComputeOptions { MaxDegreeOfParallelism = 2 });
        dashboard.State.Tick();

        using var status = JsonDocument.Parse(await Http.GetByteArrayAsync(new Uri(dashboard.Url, "/api/status")));
        var run = status.RootElement.GetProperty("run");
        Assert.Equal(127, run.GetProperty("tasks").GetInt32());
        Assert.Equal(127, run.GetProperty("done").GetInt32());
        Assert.True(run.GetProperty("finished").GetBoolean());
        var kinds = status.RootElement.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("name").GetString()!);
        Assert.Equal(64, kinds["work"].GetProperty("done").GetInt32());
        Assert.Equal(63, kinds["add"].GetProperty("done").GetInt32());
        Assert.Equal(0, kinds["add"].GetProperty("waiting").GetInt32());
        Assert.Equal(127, status.RootElement.GetProperty("stream").GetProperty("bars").GetArrayLength());
        Assert.Equal(new string('d', 127), status.RootElement.GetProperty("states").GetString());
        Assert.Equal(2, status.RootElement.GetProperty("workers").GetArrayLength());
        Assert.True(status.RootElement.GetProperty("resources").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Graph_SmallRun_ListsNodesAndEdges()
    {
        using var dashboard = Dashboard.Start(port: 0);
        var (graph, top) = SampleGraphs.Tree(8);
        GraphRunner.Run(graph, [top], new ComputeOptions { MaxDegreeOfParallelism = 2 });
        dashboard.State.Tick();

        using var shape = JsonDocument.Parse(await Http.GetByteArrayAsync(new Uri(dashboard.Url, "/api/graph")));
        Assert.True(shape.RootElement.GetProperty("drawn").GetBoolean());
        Assert.Equal(15, shape.RootElement.GetProperty("nodes").GetArrayLength());
        Assert.Equal(14, shape.RootElement.GetProperty("edges").GetArrayLength()); // a tree: one edge per task but the top
    }

    [Fact]
    public async Task Graph_OverTheLimit_IsSummarisedNotDrawn()
    {
        using var dashboard = Dashboard.Start(port: 0);
        var (graph, top) = SampleGraphs.Tree(6_000);
        GraphRunner.Run(graph, [top], new ComputeOptions { MaxDegreeOfParallelism = 2 });
        dashboard.State.Tick();

        using var shape = JsonDocument.Parse(await Http.GetByteArrayAsync(new Uri(dashboard.Url, "/api/graph")));
        Assert.False(shape.RootElement.GetProperty("drawn").GetBoolean());
        Assert.Equal(11_999, shape.RootElement.GetProperty("tasks").GetInt32());
        Assert.False(shape.RootElement.TryGetProperty("nodes", out _));
        Assert.Equal(2, shape.RootElement.GetProperty("kinds").GetArrayLength());
    }

    [Fact]
    public async Task Events_ArriveAtLeastTwiceASecond()
    {
        using var dashboard = Dashboard.Start(port: 0);
        using var response = await Http.GetAsync(new Uri(dashboard.Url, "/api/events"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var events = 0;
        while (events < 5)
        {
            var line = await reader.ReadLineAsync();
            Assert.NotNull(line);
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(line["data: ".Length..]);
                Assert.True(json.RootElement.TryGetProperty("resources", out _));
                events++;
            }
        }
        // Five events: the one on connecting, then four publications, each at most 250 ms apart (timers on a busy host lag a little).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"5 events took {watch.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public void Start_PortInUse_SaysSoAndHowToFixIt()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var error = Assert.Throws<InvalidOperationException>(() => Dashboard.Start(port: port));
        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("already in use", error.Message);
        Assert.Contains("port: 0", error.Message);
    }

    [Fact]
    public void Start_BadArguments_SayWhatIsExpected()
    {
        Assert.Contains("0 to 65535", Assert.Throws<ArgumentOutOfRangeException>(() => Dashboard.Start(port: 70_000)).Message);
        Assert.Contains("not an IP address", Assert.Throws<ArgumentException>(() => Dashboard.Start(port: 0, address: "my-host")).Message);
        Assert.Contains("at most 500 ms", Assert.Throws<ArgumentOutOfRangeException>(
            () => Dashboard.Start(port: 0, updateInterval: TimeSpan.FromSeconds(1))).Message);
    }

    [Fact]
    public void Dispose_StopsObserving()
    {
        var before = ComputeObservers.Registered.Count;
        var dashboard = Dashboard.Start(port: 0);
        Assert.Equal(before + 1, ComputeObservers.Registered.Count);
        dashboard.Dispose();
        Assert.Equal(before, ComputeObservers.Registered.Count);
    }
}
