using Tessera.Scheduling;

namespace Tessera.Scheduler.Tests.Memory;

public class PrefetchTests
{
    /// <summary>Counts files opened for reading.</summary>
    private sealed class CountingDisk : SpillFileSystem
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override Stream OpenRead(string path)
        {
            Interlocked.Increment(ref _reads);
            return base.OpenRead(path);
        }
    }

    [Fact]
    public void Queue_SpilledResult_IsReadOnceAndHandedToTheTaskThatNeedsIt()
    {
        using var folder = new SpillFolder();
        var disk = new CountingDisk();
        using var store = new SpillStore(folder.Path, disk);
        var block = TestBlock.Random(5, 100_000);
        var spilled = store.Write("block-5", block, block.ByteSize, CancellationToken.None);

        var prefetcher = new Prefetcher(store);
        prefetcher.Queue(spilled);
        prefetcher.Queue(spilled); // a second request for the same handle does nothing
        prefetcher.WaitIdle();
        Assert.True(spilled.IsRestored, "the prefetch finished without the result");
        var restored = (TestBlock)spilled.Restore(store);

        Assert.Equal(1, disk.Reads);
        Assert.Equal(block.Data, restored.Data);
        Assert.NotSame(block, restored);
    }

    [Fact]
    public void Restore_WithoutPrefetch_ReadsTheFileAndChecksIt()
    {
        using var folder = new SpillFolder();
        using var store = new SpillStore(folder.Path);
        var block = TestBlock.Random(6, 4097);
        var spilled = store.Write("block-6", block, block.ByteSize, CancellationToken.None);

        Assert.Equal(block.Data, ((TestBlock)spilled.Restore(store)).Data);
        Assert.Equal(8 + 4 + 4097, spilled.FileLength); // magic, length prefix, bytes
        store.Dispose();
        Assert.Empty(folder.Leftovers);
    }
}
