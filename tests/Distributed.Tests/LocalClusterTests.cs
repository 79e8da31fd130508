using System.Diagnostics;

namespace Tessera.Distributed.Tests;

/// <summary>Two real worker processes on this machine, as users start them.</summary>
public sealed class LocalClusterFixture : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;
    public Client Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await LocalCluster.StartAsync(new LocalClusterOptions { Workers = 2, ThreadsPerWorker = 1 });
        try
        {
            Client = await Client.ConnectAsync(Cluster);
            await WaitForWorkersAsync();
        }
        catch
        {
            await Cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the client uses both workers again (after a test killed one, the cluster restarts it).</summary>
    public async Task WaitForWorkersAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Client.WorkerCount < 2 || Cluster.WorkerProcessIds.Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {Client.WorkerCount} workers attached within 30 s.");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }
        await Cluster.DisposeAsync();
    }
}

public sealed class LocalClusterTests(LocalClusterFixture fixture) : IClassFixture<LocalClusterFixture>
{
    [Fact(Timeout = 60_000)]
    public async Task Futures_RunInTheWorkerProcesses_WithShippedClosures()
    {
        await fixture.WaitForWorkersAsync();
        var pids = fixture.Client.Map(TagWithProcess(1000), Enumerable.Range(0, 20));
        var results = await fixture.Client.GatherAsync(pids);
        Assert.Equal(Enumerable.Range(1000, 20), results.Select(r => r.Item2));
        Assert.DoesNotContain(Environment.ProcessId, results.Select(r => r.ProcessId));
        Assert.All(results, r => Assert.Contains(r.ProcessId, fixture.Cluster.WorkerProcessIds));
    }

    [Fact(Timeout = 60_000)]
    public async Task KilledWorker_MidRun_ResultsAreRecomputedAndEqual()
    {
        await fixture.WaitForWorkersAsync();
        var client = fixture.Client;
        var first = client.Map(Work.SlowInc, Enumerable.Range(0, 16));
        var second = client.Map(Work.Inc, first);
        // Let some of the first layer finish on both workers, then kill one worker's process.
        await first[2].WaitAsync();
        var victim = fixture.Cluster.WorkerProcessIds[0];
        using (var process = Process.GetProcessById(victim))
        {
            process.Kill();
        }
        var results = await client.GatherAsync(second);
        Assert.Equal(Enumerable.Range(2, 16), results);
        Assert.DoesNotContain(victim, fixture.Cluster.WorkerProcessIds);
    }

    // Static, so the lambda captures only offset (a lambda in an instance method may capture
    // this, and with it the test fixture, which cannot travel).
    private static Func<int, (int ProcessId, int Value)> TagWithProcess(int offset) => i => (Environment.ProcessId, i + offset);

    [Fact(Timeout = 90_000)]
    public async Task Task_ThatKillsThreeWorkers_FailsNamingIt()
    {
        await fixture.WaitForWorkersAsync();
        var client = fixture.Client;
        var deadly = client.Submit(() =>
        {
            Environment.Exit(3);
            return 0;
        });
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => deadly.ResultAsync());
        Assert.Equal(deadly.Key, error.TaskKey);
        Assert.IsType<WorkerLostException>(error.InnerException);
        Assert.Contains("3 workers", error.Message);
        // The cluster restarts its workers and goes on working.
        await fixture.WaitForWorkersAsync();
        Assert.Equal(8, await client.Submit(Work.Inc, 7).ResultAsync());
    }
}
