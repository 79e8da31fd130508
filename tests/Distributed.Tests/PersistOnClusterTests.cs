using Tessera.Arrays;
using Tessera.Bags;
using Tessera.DataFrames;

namespace Tessera.Distributed.Tests;

/// <summary>Persist with a client: results stay on the workers, later runs read them there, releasing drops them.</summary>
public sealed class PersistOnClusterTests(InProcessCluster fixture) : IClassFixture<InProcessCluster>
{
    private Client Client => fixture.Client;

    private ComputeOptions OnCluster => new() { Client = fixture.Client };

    [Fact(Timeout = 120_000)]
    public async Task Array_PersistedOnTheCluster_IsNotComputedAgain_AndEqualsLocal()
    {
        await Task.Yield();
        var calls = Directory.CreateTempSubdirectory("tessera-persist-").FullName;
        try
        {
            var x = BlockedArray.Arange<double>(1000, [100]).MapBlocks(b => Work.CountedCall(b, calls));
            var before = await SettledTaskCount();
            var y = x.Persist(OnCluster);
            Assert.Equal(10, Calls(calls));
            Assert.True(Client.Scheduler.KnownTaskCount >= before + 10, "the 10 persisted blocks are not kept on the cluster");
            var expected = 999.0 * 1000 / 2;
            Assert.Equal(expected, y.Sum().Compute(OnCluster));
            Assert.Equal(2 * expected, (y * 2).Sum().Compute(OnCluster));
            Assert.Equal(expected, y.Sum().Compute()); // a local run fetches the blocks
            Assert.Equal(expected, (await y.ComputeAsync(OnCluster)).ToArray().Sum());
            var again = y.Persist(OnCluster); // already persisted: nothing runs again
            Assert.Equal(expected, again.Sum().Compute(OnCluster));
            Assert.Equal(10, Calls(calls));
            // The persisted blocks must outlive the runs above (collected, they would be released).
            GC.KeepAlive(y);
        }
        finally
        {
            Directory.Delete(calls, recursive: true);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task PersistedGraph_KeepsOnlyItsOutputs_UntilReleased()
    {
        await Task.Yield();
        var before = await SettledTaskCount();
        var total = Delayed.Call(Work.Add, Delayed.Call(Work.Inc, 1), Delayed.Call(Work.Inc, 2));
        var handles = Client.Persist(total.ToGraph(), [total.Key], OnCluster);
        var future = Assert.IsType<Future<object?>>(Assert.Single(handles));
        Assert.NotNull(Client.Scheduler.Holder(future.Record));
        Assert.Equal(5, await future.ResultAsync());
        // The two Inc results are intermediates: dropped from the workers once the sum exists.
        var intermediates = future.Record.Inputs;
        Assert.Equal(2, intermediates.Length);
        await ReleaseTests.Eventually(() => Task.FromResult(intermediates.All(r => Client.Scheduler.Holder(r) is null)), "the intermediates to be dropped");
        Assert.NotNull(Client.Scheduler.Holder(future.Record));

        future.Release();
        await ReleaseTests.Eventually(() => Task.FromResult(Client.Scheduler.KnownTaskCount == before), "the persisted run to be forgotten");
        Assert.Null(Client.Scheduler.Holder(future.Record));
    }

    [Fact(Timeout = 60_000)]
    public async Task PersistedGraph_ThatFails_ThrowsAsALocalPersistDoes()
    {
        await Task.Yield();
        var bad = Delayed.Call(Work.Boom, 4);
        var error = Assert.Throws<TaskFailedException>(() => Client.Persist(bad.ToGraph(), [bad.Key], OnCluster));
        Assert.Equal(bad.Key, error.TaskKey);
    }

    [Fact(Timeout = 120_000)]
    public async Task Bag_PersistedOnTheCluster_IsNotComputedAgain_AndEqualsLocal()
    {
        await Task.Yield();
        var calls = Directory.CreateTempSubdirectory("tessera-persist-").FullName;
        try
        {
            var bag = Bag.FromSequence(Enumerable.Range(0, 100), partitions: 4).Select(v => Work.CountedItem(v, calls));
            var before = await SettledTaskCount();
            var kept = bag.Persist(OnCluster);
            Assert.Equal(100, Calls(calls));
            Assert.True(Client.Scheduler.KnownTaskCount >= before + 4, "the 4 persisted partitions are not kept on the cluster");
            Assert.Equal(4950, kept.Sum().Compute(OnCluster));
            Assert.Equal(4950, kept.Sum().Compute());
            Assert.Equal(Enumerable.Range(0, 100), kept.Compute(OnCluster).Order());
            Assert.Equal(100, Calls(calls));
            GC.KeepAlive(kept);
        }
        finally
        {
            Directory.Delete(calls, recursive: true);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task DataFrame_PersistedOnTheCluster_EqualsLocal()
    {
        await Task.Yield();
        var df = DataFrame.FromRecords(Enumerable.Range(0, 1000).Select(i => new Row(i % 7, i * 0.5)), partitions: 4);
        var before = await SettledTaskCount();
        var kept = df.Persist(OnCluster);
        Assert.True(Client.Scheduler.KnownTaskCount >= before + 4, "the 4 persisted partitions are not kept on the cluster");
        var expected = df["Value"].Sum().Compute();
        Assert.Equal(999 * 1000 / 2 * 0.5, expected);
        Assert.Equal(expected, kept["Value"].Sum().Compute(OnCluster));
        Assert.Equal(expected, kept["Value"].Sum().Compute());
        Assert.Equal(df.NPartitions, kept.NPartitions);
        Assert.Equal(1000, kept["Key"].Count().Compute(OnCluster));
        GC.KeepAlive(kept);
    }

    public sealed record Row(long Key, double Value);

    /// <summary>The scheduler's task count once collected futures of earlier tests are released (it stops changing).</summary>
    private async Task<int> SettledTaskCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var count = Client.Scheduler.KnownTaskCount;
        for (var stable = 0; stable < 5; count = Client.Scheduler.KnownTaskCount)
        {
            await Task.Delay(50);
            stable = Client.Scheduler.KnownTaskCount == count ? stable + 1 : 0;
        }
        return count;
    }

    private static int Calls(string directory) => Directory.GetFiles(directory, "*.call").Length;
}
