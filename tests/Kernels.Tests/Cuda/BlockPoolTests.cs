using Tessera.Kernels.Cuda;
using Tessera.Kernels.Cuda.Memory;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>The caching pool's policy, against a fake allocator (no GPU needed).</summary>
public class BlockPoolTests
{
    [Theory]
    [InlineData(0, 512)]
    [InlineData(1, 512)]
    [InlineData(512, 512)]
    [InlineData(513, 1024)]
    [InlineData((1 << 20) - 1, 1 << 20)]
    [InlineData(1 << 20, 1 << 20)]
    [InlineData((1 << 20) + 1, (1 << 20) + (64 << 10))]
    public void RoundUp_UsesSmallAndLargeGranularity(long bytes, long expected) =>
        Assert.Equal(expected, BlockPool.RoundUp(bytes));

    [Fact]
    public void Rent_AfterReturn_ReusesTheBlockWithoutAllocating()
    {
        var fake = new FakeAllocator(1 << 30);
        using var pool = new BlockPool(fake);
        var first = pool.Rent(4000, out _);
        pool.Return(first, null);
        var second = pool.Rent(3900, out var fence);
        Assert.Null(fence);
        Assert.Equal(first, second);
        Assert.Equal(1, fake.Allocations);
        Assert.Equal(0, pool.CachedBytes);
        Assert.Equal(second.Size, pool.InUseBytes);
    }

    [Fact]
    public void Rent_PicksTheSmallestBlockThatFits()
    {
        var fake = new FakeAllocator(1 << 30);
        using var pool = new BlockPool(fake);
        var blocks = new[] { 8192L, 2048, 4096, 3072 }.Select(n => pool.Rent(n, out _)).ToArray();
        foreach (var b in blocks)
        {
            pool.Return(b, null);
        }
        var got = pool.Rent(2600, out _);
        Assert.Equal(3072, got.Size);
        Assert.Equal(blocks[3].Address, got.Address);
        Assert.Equal(4, fake.Allocations);
    }

    [Fact]
    public void Rent_DoesNotHandOutABlockMoreThanHalfAgainTooLarge()
    {
        var fake = new FakeAllocator(1 << 30);
        using var pool = new BlockPool(fake);
        pool.Return(pool.Rent(1 << 20, out _), null);
        var small = pool.Rent(4096, out _);
        Assert.Equal(4096, small.Size);
        Assert.Equal(2, fake.Allocations);
        Assert.Equal(1, pool.CachedBlocks);
    }

    [Fact]
    public void Rent_PrefersAnIdleBlockOverABusyOne_AndHandsOutTheBusyFenceOtherwise()
    {
        var fake = new FakeAllocator(1 << 30);
        using var pool = new BlockPool(fake);
        var a = pool.Rent(1024, out _);
        var b = pool.Rent(1024, out _);
        var busy = new FakeFence();
        var idle = new FakeFence(complete: true);
        pool.Return(a, busy);
        pool.Return(b, idle);

        var first = pool.Rent(1024, out var f1);
        Assert.Equal(b.Address, first.Address);
        Assert.Null(f1);
        Assert.True(idle.Disposed);

        var second = pool.Rent(1024, out var f2);
        Assert.Equal(a.Address, second.Address);
        Assert.Same(busy, f2);
        Assert.Equal(2, fake.Allocations);
    }

    [Fact]
    public void Rent_BelowTheAllocateRatherThanWaitSize_AllocatesInsteadOfHandingOutABusyBlock()
    {
        var fake = new FakeAllocator(1 << 30);
        using var pool = new BlockPool(fake, allocateRatherThanWaitBelow: 2 * 4096);
        var first = pool.Rent(4096, out _);
        pool.Return(first, new FakeFence());
        var second = pool.Rent(4096, out var f2);
        Assert.Null(f2);
        Assert.NotEqual(first.Address, second.Address);
        pool.Return(second, new FakeFence());
        // The pool now holds 8192 bytes; a third new block would pass the limit, so a busy one is reused.
        var third = pool.Rent(4096, out var f3);
        Assert.NotNull(f3);
        Assert.Equal(2, fake.Allocations);
        Assert.Contains(third.Address, new[] { first.Address, second.Address });
    }

    [Fact]
    public void Rent_OutOfMemory_FreesCachedBlocksAndRetries()
    {
        var fake = new FakeAllocator(10_000);
        using var pool = new BlockPool(fake);
        var a = pool.Rent(4096, out _);
        var b = pool.Rent(4096, out _);
        var fence = new FakeFence();
        pool.Return(a, fence);
        pool.Return(b, null);

        // 6144 does not fit beside the cached 8192 bytes; 4096-byte blocks are too small to reuse.
        var big = pool.Rent(6000, out var f);
        Assert.Null(f);
        Assert.Equal(6144, big.Size);
        Assert.Equal(0, pool.CachedBlocks);
        Assert.Equal(0, pool.CachedBytes);
        Assert.True(fence.Waited, "a cached block still in use must be waited for before it is freed");
        Assert.Equal(2, fake.Frees);
        Assert.Equal(6144, fake.LiveBytes);
    }

    [Fact]
    public void Rent_StillOutOfMemory_ThrowsNamingRequestedFreeTotalAndPoolBytes()
    {
        var fake = new FakeAllocator(10_000);
        using var pool = new BlockPool(fake);
        var held = pool.Rent(8000, out _);
        var error = Assert.Throws<CudaOutOfMemoryException>(() => pool.Rent(4000, out _));
        Assert.Equal(4096, error.RequestedBytes);
        Assert.Equal(10_000 - 8192, error.FreeBytes);
        Assert.Equal(10_000, error.TotalBytes);
        Assert.Equal(8192, error.PoolInUseBytes);
        Assert.Contains("requested 4096 bytes", error.Message);
        Assert.Contains("1808 bytes of 10000 bytes are free", error.Message);
        Assert.Contains("8192 bytes in live buffers", error.Message);
        Assert.Contains("smaller chunks", error.Message);
        pool.Return(held, null);
    }

    [Fact]
    public void Dispose_FreesEveryCachedBlock_AndLaterReturnsFreeImmediately()
    {
        var fake = new FakeAllocator(1 << 30);
        var pool = new BlockPool(fake);
        var kept = pool.Rent(100, out _);
        pool.Return(pool.Rent(5000, out _), null);
        pool.Return(pool.Rent(70_000, out _), new FakeFence());
        pool.Dispose();
        Assert.Equal(kept.Size, fake.LiveBytes);
        pool.Return(kept, null);
        Assert.Equal(0, fake.LiveBytes);
        Assert.Throws<ObjectDisposedException>(() => pool.Rent(1, out _));
    }

    [Fact]
    public void RentAndReturn_FromManyThreads_KeepsTheBooksBalanced()
    {
        var fake = new FakeAllocator(1L << 40);
        using var pool = new BlockPool(fake);
        Parallel.For(0, 8, t =>
        {
            var random = new Random(t);
            for (var i = 0; i < 2000; i++)
            {
                var block = pool.Rent(random.Next(1, 1 << 16), out _);
                pool.Return(block, null);
            }
        });
        Assert.Equal(0, pool.InUseBytes);
        Assert.Equal(fake.LiveBytes, pool.CachedBytes);
        Assert.True(fake.Allocations < 8 * 2000, $"the pool should reuse blocks; it allocated {fake.Allocations} times");
    }
}
