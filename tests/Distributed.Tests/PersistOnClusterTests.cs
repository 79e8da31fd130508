using Tessera.Arrays;

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
            var y = x.Persist(OnCluster);
            Assert.Equal(10, Calls(calls));
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
        var before = Client.Scheduler.KnownTaskCount;
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

    private static int Calls(string directory) => Directory.GetFiles(directory, "*.call").Length;
}
