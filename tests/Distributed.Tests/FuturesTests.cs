namespace Tessera.Distributed.Tests;

public sealed class FuturesTests(InProcessCluster fixture) : IClassFixture<InProcessCluster>
{
    private Client Client => fixture.Client;

    [Fact(Timeout = 20_000)]
    public async Task Submit_Increment_ReturnsItsResult()
    {
        var x = Client.Submit(Work.Inc, 41);
        Assert.Equal(42, await x.ResultAsync());
        Assert.Equal(FutureStatus.Finished, x.Status);
        Assert.StartsWith("Inc-", x.Key);
    }

    [Fact(Timeout = 20_000)]
    public async Task Submit_FutureArgument_ChainsOnTheWorkers()
    {
        var x = Client.Submit(Work.Inc, 1);
        var y = Client.Submit(Work.Add, x, 10);
        var z = Client.Submit(Work.Add, x, y);
        Assert.Equal(14, await z.ResultAsync());
        Assert.Equal(12, await y.ResultAsync());
    }

    [Fact(Timeout = 20_000)]
    public async Task Map_ThousandItems_GathersInItemOrder()
    {
        var futures = Client.Map(Work.Inc, Enumerable.Range(0, 1000));
        var results = await Client.GatherAsync(futures);
        Assert.Equal(Enumerable.Range(1, 1000), results);
    }

    [Fact(Timeout = 20_000)]
    public async Task Map_OverFutures_UsesTheirResults()
    {
        var first = Client.Map(Work.Inc, Enumerable.Range(0, 50));
        var second = Client.Map(Work.Inc, first);
        Assert.Equal(Enumerable.Range(2, 50), await Client.GatherAsync(second));
    }

    [Fact(Timeout = 20_000)]
    public async Task AsCompleted_YieldsEveryFutureOnceAndFinished()
    {
        var futures = Client.Map(Work.Inc, Enumerable.Range(0, 100));
        var seen = new List<string>();
        await foreach (var done in Client.AsCompleted(futures))
        {
            Assert.True(done.Done);
            seen.Add(done.Key);
        }
        Assert.Equal(futures.Select(f => f.Key).Order(), seen.Order());
    }

    [Fact(Timeout = 20_000)]
    public async Task Scatter_ThenSubmit_ReadsTheScatteredData()
    {
        var values = Enumerable.Range(0, 10_007).Select(i => i * 0.5).ToArray();
        var data = await Client.ScatterAsync(values);
        var sum = Client.Submit(Work.Sum, data);
        Assert.Equal(values.Sum(), await sum.ResultAsync());
        Assert.Equal(values, await data.ResultAsync());
    }

    [Fact(Timeout = 20_000)]
    public async Task Closure_CapturedValues_TravelToTheWorker()
    {
        var offset = 100;
        var names = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };
        var future = Client.Submit((string key) => names[key] + offset, "b");
        Assert.Equal(102, await future.ResultAsync());
    }

    [Fact(Timeout = 20_000)]
    public async Task Closure_CapturingAStream_FailsAtSubmitNamingTheField()
    {
        await Task.Yield();
        using var stream = new MemoryStream();
        var error = Assert.Throws<CaptureNotSerializableException>(() => Client.Submit(LengthOf(stream)));
        Assert.True(error.Path.EndsWith("→ stream", StringComparison.Ordinal), error.Message);
        Assert.Contains("MemoryStream", error.Message);
        Assert.Equal(typeof(MemoryStream), error.ValueType);
    }

    // Static, so the closure holds only the stream (a lambda in an async test also captures this).
    private static Func<long> LengthOf(Stream stream) => () => stream.Length;

    [Fact(Timeout = 20_000)]
    public async Task Closure_CapturingTheTestObject_NamesThePathToWhatCannotTravel()
    {
        await Task.Yield();
        var error = Assert.Throws<CaptureNotSerializableException>(() => Client.Submit(() => Client.WorkerCount));
        Assert.Contains("→ fixture", error.Path);
    }

    [Fact(Timeout = 20_000)]
    public async Task Task_ThatThrows_FailsWithTaskFailedExceptionNamingIt()
    {
        var bad = Client.Submit(Work.Boom, 7);
        var after = Client.Submit(Work.Inc, bad);
        var error = await Assert.ThrowsAsync<TaskFailedException>(() => after.ResultAsync());
        Assert.Equal(bad.Key, error.TaskKey);
        var remote = Assert.IsType<RemoteTaskException>(error.InnerException);
        Assert.Equal(typeof(InvalidOperationException).FullName, remote.RemoteType);
        Assert.Contains("boom on 7", remote.Message);
        Assert.Equal(FutureStatus.Error, bad.Status);
    }

    [Fact(Timeout = 20_000)]
    public async Task Cancel_PendingFutures_FailTheirDependents_FinishedOnesKeepTheirResult()
    {
        var done = Client.Submit(Work.Inc, 1);
        Assert.Equal(2, await done.ResultAsync());
        var slow = Client.Map(Work.SlowInc, Enumerable.Range(0, 20));
        var after = Client.Submit(Work.Inc, slow[^1]);
        Client.Cancel([.. slow, done]);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => after.ResultAsync());
        Assert.Equal(FutureStatus.Error, slow[^1].Status);
        Assert.Equal(2, await done.ResultAsync());
    }

    [Fact(Timeout = 20_000)]
    public async Task Tasks_RunOnTheWorkersOwnThreads()
    {
        var name = await Client.Submit(Work.ThreadName, 0).ResultAsync();
        Assert.StartsWith("tessera-task-", name);
    }

    [Fact(Timeout = 20_000)]
    public async Task Connect_WithAWrongSecret_IsRefused()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            Client.ConnectAsync(fixture.Cluster.Client, "not-the-secret", TimeSpan.FromSeconds(5)));
        Assert.Contains("secret", error.ToString());
    }
}
