using System.Numerics.Tensors;

namespace Tessera.Arrays.Tests.Results;

/// <summary>ComputeAsync returns at once and runs on the run's own threads; cancellation stops it between tasks.</summary>
public class ComputeAsyncTests
{
    [Fact]
    public async Task ComputeAsync_ReturnsBeforeTheRunEnds_AndGivesTheValues()
    {
        using var release = new ManualResetEventSlim();
        var x = Gated([6], [2], release);
        // The first block waits for release; a blocking ComputeAsync would never return here.
        var running = x.ComputeAsync(new ComputeOptions { MaxDegreeOfParallelism = 1 });
        Assert.False(running.IsCompleted);
        release.Set();
        var values = await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([0.0, 1, 2, 3, 4, 5], values.ToArray());
    }

    [Fact]
    public async Task Cancel_StopsBetweenTasks_AndCancelsTheTask()
    {
        using var release = new ManualResetEventSlim();
        var started = 0;
        var x = Gated([40], [1], release, () => Interlocked.Increment(ref started));
        using var cancel = new CancellationTokenSource();
        var running = x.ComputeAsync(new ComputeOptions { MaxDegreeOfParallelism = 1, CancellationToken = cancel.Token });
        SpinWait.SpinUntil(() => Volatile.Read(ref started) == 1, TimeSpan.FromSeconds(30));
        cancel.Cancel();
        release.Set();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(running.IsCanceled);
        Assert.True(started < 40, $"{started} of 40 blocks started after cancellation");
    }

    // Blocks holding their element indexes; every block waits until release is set.
    private static BlockedArray<double> Gated(long[] shape, long[] chunks, ManualResetEventSlim release, Action? onStart = null) =>
        BlockedArray.FromFunction<double>(shape, ChunkSpec.Create(chunks), (index, blockShape) =>
        {
            onStart?.Invoke();
            release.Wait();
            var start = index[0] * chunks[0];
            return Tensor.Create(Enumerable.Range(0, (int)blockShape[0]).Select(i => (double)(start + i)).ToArray(), [(nint)blockShape[0]]);
        });
}
