namespace Tessera.Distributed.Tests;

/// <summary>
/// Disposal races the workers' exit events: a worker's Exited event may arrive after the cluster
/// has released its Process object. Reading that object's id or exit code then throws on a
/// thread-pool thread, which ends the whole process (this crashed the test host under load).
/// </summary>
public sealed class LocalClusterDisposalTests
{
    [Fact(Timeout = 90_000)]
    public async Task Disposed_Cluster_ReportsNoWorkers_AndLateExitEventsAreHarmless()
    {
        var cluster = await LocalCluster.StartAsync(new LocalClusterOptions { Workers = 1, ThreadsPerWorker = 1 });
        var lost = 0;
        cluster.WorkerExited += (_, _) =>
        {
            Interlocked.Increment(ref lost);
            throw new InvalidOperationException("an observer that fails must not end the process");
        };
        Assert.Single(cluster.WorkerProcessIds);
        await cluster.DisposeAsync();
        // Before the fix this read the released Process objects and threw.
        Assert.Empty(cluster.WorkerProcessIds);
        // Give the late exit event time to run: it reaches the failing observer, and the test host lives on.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref lost) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.True(Volatile.Read(ref lost) <= 1, $"The exit of one worker was reported {lost} times.");
    }
}
