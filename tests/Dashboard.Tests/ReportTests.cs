using System.Text.Json;
using System.Text.RegularExpressions;
using Tessera.Scheduling;

namespace Tessera.Diagnostics.Tests;

/// <summary>The performance report's file, read as text and as the JSON it embeds.</summary>
public sealed partial class ReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tessera-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Report_TwoRuns_HoldsEveryTaskKindAndOption()
    {
        var path = Path.Combine(_folder, "report.html");
        using (PerformanceReport.Start(path, title: "two runs"))
        {
            var (graph, top) = SampleGraphs.Tree(50);
            GraphRunner.Run(graph, [top], new ComputeOptions { MaxDegreeOfParallelism = 2, MemoryLimit = 1L << 30 });
            var (small, smallTop) = SampleGraphs.Tree(4);
            GraphRunner.Run(small, [smallTop], new ComputeOptions { Scheduler = SchedulerKind.Synchronous });
        }
        var html = File.ReadAllText(path);
        Assert.Contains("<title>two runs</title>", html);
        using var data = JsonDocument.Parse(EmbeddedData(html));
        var runs = data.RootElement.GetProperty("runs");
        Assert.Equal(2, runs.GetArrayLength());
        Assert.Equal(99, runs[0].GetProperty("bars").GetArrayLength());
        Assert.Equal(7, runs[1].GetProperty("bars").GetArrayLength());
        Assert.Equal(50, runs[0].GetProperty("kinds").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "work").GetProperty("done").GetInt32());
        Assert.Equal("1,073,741,824 B", runs[0].GetProperty("options").GetProperty("MemoryLimit").GetString());
        Assert.Equal("Synchronous", runs[1].GetProperty("options").GetProperty("Scheduler").GetString());
        Assert.True(data.RootElement.GetProperty("resources").GetArrayLength() >= 2);
        Assert.Contains("peak host", runs[0].GetProperty("memory").GetString());
    }

    [Fact]
    public void Report_IsSelfContained()
    {
        var path = Path.Combine(_folder, "offline.html");
        using (PerformanceReport.Start(path))
        {
            var (graph, top) = SampleGraphs.Tree(8);
            GraphRunner.Run(graph, [top]);
        }
        var html = File.ReadAllText(path);
        // Nothing is loaded from elsewhere: no src= or href= attributes, no stylesheet links, no fetches.
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("fetch(", html);
        Assert.Contains("var TesseraCharts", html); // the chart code is inlined
        Assert.DoesNotContain("/*DATA*/", html);
    }

    [Fact]
    public void Report_KeyWithScriptEnd_CannotCloseTheDataElement()
    {
        var path = Path.Combine(_folder, "escaped.html");
        using (PerformanceReport.Start(path))
        {
            var graph = new TaskGraph().Add("</script><b>x", "odd", static _ => 1);
            GraphRunner.Run(graph, ["</script><b>x"]);
        }
        var html = File.ReadAllText(path);
        Assert.Equal(3, Regex.Matches(html, "</script>").Count); // the data, chart and page scripts' own ends
        using var data = JsonDocument.Parse(EmbeddedData(html));
        Assert.Equal("</script><b>x", data.RootElement.GetProperty("runs")[0].GetProperty("slowest")[0].GetProperty("key").GetString());
    }

    [Fact]
    public void Start_BadPaths_SayWhatToDo()
    {
        Assert.Contains("does not exist", Assert.Throws<DirectoryNotFoundException>(
            () => PerformanceReport.Start(Path.Combine(_folder, "missing", "r.html"))).Message);
        Assert.Contains("ending in .html", Assert.Throws<ArgumentException>(
            () => PerformanceReport.Start(Path.Combine(_folder, "r.txt"))).Message);
    }

    [Fact]
    public void Report_Disposed_StopsObserving()
    {
        var before = ComputeObservers.Registered.Count;
        var report = PerformanceReport.Start(Path.Combine(_folder, "r.html"));
        Assert.Equal(before + 1, ComputeObservers.Registered.Count);
        report.Dispose();
        Assert.Equal(before, ComputeObservers.Registered.Count);
        Assert.True(File.Exists(report.Path));
    }

    internal static string EmbeddedData(string html)
    {
        const string open = "<script type=\"application/json\" id=\"report-data\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("""(src|href)\s*=|<link\b|@import|url\(""")]
    private static partial Regex ExternalReference();
}
