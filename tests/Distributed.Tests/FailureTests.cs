using System.Diagnostics;

namespace Tessera.Distributed.Tests;

/// <summary>Clusters of their own, since these tests break them.</summary>
public sealed class FailureTests
{
    [Fact(Timeout = 60_000)]
    public async Task KilledSilo_MidRun_OrleansMembershipDeclaresItDead_ResultsEqual()
    {
        await using var cluster = await InProcessCluster.StartAsync(3);
        var client = cluster.Client;
        var first = client.Map(Work.SlowInc, Enumerable.Range(0, 30));
        var second = client.Map(Work.Inc, first);
        await first[3].WaitAsync();
        // Silo 0 holds the development membership table; kill another one. No process exit tells
        // the client here: only Orleans' failure detection does.
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos[^1]);
        Assert.Equal(Enumerable.Range(2, 30), await client.GatherAsync(second));
        // The killed silo is gone. On a loaded 2-core host Orleans' failure detector may also
        // suspect a slow survivor for a while, so the count is at most 2, not exactly 2.
        Assert.InRange(client.WorkerCount, 1, 2);
    }

    [Fact(Timeout = 60_000)]
    public async Task ClusterGone_PendingFuture_FailsWithConnectionLost_NotAHang()
    {
        await using var cluster = await InProcessCluster.StartAsync(1);
        var client = cluster.Client;
        var slow = client.Map(Work.SlowInc, Enumerable.Range(0, 200));
        var clock = Stopwatch.StartNew();
        await cluster.Cluster.StopAllSilosAsync();
        var error = await Assert.ThrowsAsync<ClusterConnectionLostException>(() => client.GatherAsync(slow));
        Assert.Contains("connect", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"The failure took {clock.Elapsed.TotalSeconds:0.0} s to arrive.");
        Assert.Throws<ClusterConnectionLostException>(() => client.Submit(Work.Inc, 1));
    }
}
