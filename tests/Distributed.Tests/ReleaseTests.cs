using System.Runtime.CompilerServices;

namespace Tessera.Distributed.Tests;

/// <summary>Released and collected futures: results leave the workers once nothing reads them, and lineage stays.</summary>
public sealed class ReleaseTests(InProcessCluster fixture) : IClassFixture<InProcessCluster>
{
    private Client Client => fixture.Client;

    [Fact(Timeout = 30_000)]
    public async Task Release_DropsTheResultFromItsWorker_AndGatherSaysSo()
    {
        var x = Client.Submit(Work.Inc, 1);
        await x.WaitAsync();
        var holder = Client.Scheduler.Holder(x.Record)!;
        Assert.Empty(await MissingOn(holder, x.Record.Key));
        x.Release();
        Assert.True(x.Released);
        Assert.Null(Client.Scheduler.Holder(x.Record));
        await Eventually(async () => (await MissingOn(holder, x.Record.Key)).Length == 1, "the worker to drop the released result");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => x.ResultAsync());
        Assert.Contains("released", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task ReleasedInput_IsKeptUntilItsDependentFinishes_ThenRecomputedWhenPassedAgain()
    {
        var x = Client.Submit(Work.SlowInc, 1);
        var y = Client.Submit(Work.Add, x, 10);
        x.Release(); // before x or y ran: y must still get x's value
        Assert.Equal(12, await y.ResultAsync());
        await Eventually(() => Task.FromResult(Client.Scheduler.Holder(x.Record) is null), "x's result to go once y finished");
        // Passed to a new task, the released x runs again from its lineage.
        Assert.Equal(3, await Client.Submit(Work.Inc, x).ResultAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task CollectedFutures_AreReleased_AndForgotten()
    {
        var before = Client.Scheduler.KnownTaskCount;
        Assert.Equal(Enumerable.Range(1, 50).Sum(), await SumOfIncrements(50));
        await Eventually(() =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return Task.FromResult(Client.Scheduler.KnownTaskCount <= before);
        }, "the 50 unreachable futures to be forgotten");
    }

    [Fact(Timeout = 30_000)]
    public async Task FireAndForget_RunsTheTask_WithoutKeepingItsResult()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tessera-fire-{Guid.NewGuid():N}");
        try
        {
            var touch = Client.Submit(Work.TouchAfterAWhile, path);
            Client.FireAndForget([touch]);
            Assert.True(touch.Released);
            await Eventually(() => Task.FromResult(File.Exists(path)), "the forgotten task to write its file");
            await Eventually(() => Task.FromResult(Client.Scheduler.Holder(touch.Record) is null && touch.Done), "its result to be dropped");
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Not inlined, so the futures are unreachable once it returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<int> SumOfIncrements(int count)
    {
        var futures = Client.Map(Work.Inc, Enumerable.Range(0, count));
        return (await Client.GatherAsync(futures)).Sum();
    }

    private async Task<string[]> MissingOn(Scheduling.WorkerLink holder, string key) =>
        (await holder.Grain.GetData(Client.Scheduler.ClientId, [key])).Missing;

    internal static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 20 s for {what}.");
            await Task.Delay(50);
        }
    }
}
