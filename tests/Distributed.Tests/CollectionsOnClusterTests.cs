using Tessera.Arrays;

namespace Tessera.Distributed.Tests;

public sealed class CollectionsOnClusterTests(InProcessCluster fixture) : IClassFixture<InProcessCluster>
{
    private ComputeOptions OnCluster => new() { Client = fixture.Client };

    [Fact(Timeout = 30_000)]
    public async Task Delayed_ComputedOnTheCluster_EqualsLocal()
    {
        await Task.Yield();
        var a = Delayed.Call(Work.Inc, 1);
        var b = Delayed.Call(Work.Inc, 2);
        var total = Delayed.Call(Work.Add, a, b);
        Assert.Equal(total.Compute(), total.Compute(OnCluster));
        Assert.Equal(5, total.Compute(OnCluster));
    }

    [Fact(Timeout = 30_000)]
    public async Task Delayed_TaskThatThrows_FailsWithTheKeyTheLocalRunNames()
    {
        await Task.Yield();
        var bad = Delayed.Call(Work.Boom, 3);
        var both = Delayed.Call(Work.Add, bad, Delayed.Call(Work.Inc, 1));
        var local = Assert.Throws<TaskFailedException>(() => both.Compute());
        var remote = Assert.Throws<TaskFailedException>(() => both.Compute(OnCluster));
        Assert.Equal(local.TaskKey, remote.TaskKey);
        Assert.Equal(bad.Key, remote.TaskKey);
        Assert.Contains("boom on 3", remote.InnerException!.Message);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(1_000, 7)]
    [InlineData(10_007, 1_000)]
    public async Task ArraySum_ComputedOnTheCluster_EqualsLocal(int length, int chunk)
    {
        var x = BlockedArray.Arange<double>(length, [chunk]);
        var expected = (double)length * (length - 1) / 2;
        Assert.Equal(expected, x.Sum().Compute());
        Assert.Equal(expected, x.Sum().Compute(OnCluster));
        var squares = await (x * x).ComputeAsync(OnCluster);
        Assert.Equal(length, squares.FlattenedLength);
        Assert.Equal((double)(length - 1) * (length - 1), squares[[length - 1]]);
    }
}
