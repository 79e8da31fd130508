using Tessera.Scheduling;
using static Tessera.Scheduler.Tests.GraphBuilding;

namespace Tessera.Scheduler.Tests;

/// <summary>Graphs holding results kept elsewhere (a cluster's persisted blocks), run in this process.</summary>
public class RemoteResultTests
{
    [Fact]
    public void LocalRun_FetchesRemoteConstants_OnceForAllOfASource()
    {
        var source = new FakeSource();
        var graph = new TaskGraph()
            .AddConstant("r1", new FakeRemote(source, 10))
            .AddConstant("r2", new FakeRemote(source, 20))
            .Add(Sum1("total", "r1", "r2"));
        Assert.Equal(31, GraphRunner.Run(graph, ["total"])[0]);
        Assert.Equal(1, source.Calls);
        Assert.Equal(2, source.Fetched);
    }

    [Fact]
    public void Resolve_LeavesAGraphWithoutRemoteConstantsAsItIs()
    {
        var graph = new TaskGraph().AddConstant("a", 1).Add(Sum1("b", "a"));
        Assert.Same(graph, RemoteResults.Resolve(graph));
    }

    [Fact]
    public void InliningConstants_KeepsRemoteOnesAsTasks()
    {
        // The cluster holding the result maps that task to it; inlined, its readers would carry the handle.
        var graph = new TaskGraph()
            .AddConstant("local", 1)
            .AddConstant("remote", new FakeRemote(new FakeSource(), 2))
            .Add(Sum1("total", "local", "remote"));
        var inlined = GraphOptimizer.InlineConstants(graph, ["total"]);
        Assert.Equal(["remote", "total"], inlined.Tasks.Select(t => t.Key).Order());
        Assert.Equal(["remote"], inlined["total"].Dependencies);
    }

    [Fact]
    public void Persist_WithoutACluster_ReturnsTheValues()
    {
        var graph = new TaskGraph().AddConstant("a", 1).Add(Sum1("b", "a"));
        Assert.Equal([2], GraphRunner.Persist(graph, ["b"]));
    }

    private sealed class FakeSource : IRemoteResultSource
    {
        public int Calls { get; private set; }

        public int Fetched { get; private set; }

        public object?[] Fetch(IReadOnlyList<IRemoteResult> results)
        {
            Calls++;
            Fetched += results.Count;
            return [.. results.Select(r => (object?)((FakeRemote)r).Value)];
        }
    }

    private sealed record FakeRemote(IRemoteResultSource Source, int Value) : IRemoteResult;
}
