namespace Tessera.Kernels.Cuda.Memory;

/// <summary>
/// A caching allocator: released blocks are kept and handed out again instead of being freed,
/// because cuMemAlloc/cuMemFree (and cuMemHostAlloc even more) cost tens of microseconds to
/// milliseconds and synchronise the device, while a chunked computation allocates the same few
/// sizes over and over.
/// </summary>
/// <remarks>
/// Policy:
/// <list type="bullet">
/// <item>Sizes are rounded up (512 bytes below 1 MiB, 64 KiB above) so chunks of nearly equal size
/// — an uneven last chunk, a reduction output — share cached blocks.</item>
/// <item>Best fit: the smallest cached block at least the rounded size, and no more than 1.5 times it,
/// so a small request never pins down a large block. Among fitting blocks an idle one (its fence
/// complete) wins over one still used by queued work; a busy one is returned with its fence, and
/// the caller orders its own work after it (a stream wait) rather than blocking the host.</item>
/// <item>Out of memory: every cached block is freed (after its queued work finishes) and the
/// allocation retried once; if it still fails, <see cref="CudaOutOfMemoryException"/> gives the
/// requested, free, total and pool bytes so the user can see whether the pool or the data is too big.</item>
/// <item>A pool may be given a size below which it allocates rather than hand out a busy block:
/// the pinned staging pool does, because the host must wait for a busy staging block, which would
/// serialise the host-side copy of one piece with the DMA of the previous one.</item>
/// <item>Blocks are never split or merged: chunk sizes repeat, so whole-block reuse is nearly
/// always exact, and it keeps the pool free of fragmentation bookkeeping.</item>
/// </list>
/// Thread-safe: scheduler threads rent and return concurrently.
/// </remarks>
internal sealed class BlockPool : IDisposable
{
    private const long SmallLimit = 1L << 20;
    private const long SmallGranularity = 512;
    private const long LargeGranularity = 64L << 10;

    private readonly IBlockAllocator _allocator;
    private readonly Lock _gate = new();
    private readonly SortedSet<Cached> _cached = new(Cached.BySize);
    private long _sequence;
    private bool _disposed;

    private readonly long _allocateRatherThanWaitBelow;

    /// <summary>Creates a pool over <paramref name="allocator"/>.</summary>
    /// <param name="allocator">The raw allocator.</param>
    /// <param name="allocateRatherThanWaitBelow">
    /// A request that only a busy block could serve gets a new block instead while the pool, new
    /// block included, would hold at most this many bytes (live plus cached); 0 always reuses the busy block.
    /// </param>
    public BlockPool(IBlockAllocator allocator, long allocateRatherThanWaitBelow = 0)
    {
        ArgumentNullException.ThrowIfNull(allocator);
        ArgumentOutOfRangeException.ThrowIfNegative(allocateRatherThanWaitBelow);
        _allocator = allocator;
        _allocateRatherThanWaitBelow = allocateRatherThanWaitBelow;
    }

    /// <summary>Bytes in blocks rented and not yet returned.</summary>
    public long InUseBytes { get; private set; }

    /// <summary>Bytes in cached (returned, not freed) blocks.</summary>
    public long CachedBytes { get; private set; }

    /// <summary>Number of cached blocks.</summary>
    public int CachedBlocks
    {
        get
        {
            lock (_gate)
            {
                return _cached.Count;
            }
        }
    }

    /// <summary>How many times the underlying allocator was called (cache misses), for tests and diagnostics.</summary>
    public long AllocatorCalls { get; private set; }

    /// <summary>The size a request of <paramref name="bytes"/> is rounded up to.</summary>
    public static long RoundUp(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var granularity = bytes < SmallLimit ? SmallGranularity : LargeGranularity;
        return Math.Max(granularity, (bytes + granularity - 1) / granularity * granularity);
    }

    /// <summary>
    /// A block of at least <paramref name="bytes"/>. <paramref name="fence"/> is non-null when the
    /// block is still used by queued work: order the new use after it (or wait on it), then dispose it.
    /// </summary>
    /// <exception cref="CudaOutOfMemoryException">The allocation failed even with the cache released.</exception>
    public PoolBlock Rent(long bytes, out IBlockFence? fence)
    {
        var size = RoundUp(bytes);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (TakeBestFit(size) is { } hit)
            {
                CachedBytes -= hit.Size;
                InUseBytes += hit.Size;
                fence = hit.Fence;
                return new(hit.Address, hit.Size);
            }
            fence = null;
            AllocatorCalls++;
            if (!_allocator.TryAllocate(size, out var address))
            {
                ReleaseCachedLocked();
                AllocatorCalls++;
                if (!_allocator.TryAllocate(size, out address))
                {
                    var (free, total) = _allocator.MemoryInfo();
                    throw new CudaOutOfMemoryException(_allocator.What, size, free, total, InUseBytes, CachedBytes);
                }
            }
            InUseBytes += size;
            return new(address, size);
        }
    }

    /// <summary>
    /// Gives a block back for reuse. <paramref name="fence"/> (owned by the pool from now on) marks
    /// the end of queued work still using it; null when nothing is queued.
    /// </summary>
    public void Return(PoolBlock block, IBlockFence? fence)
    {
        lock (_gate)
        {
            InUseBytes -= block.Size;
            if (_disposed)
            {
                FreeNow(new Cached(block.Address, block.Size, fence, 0));
                return;
            }
            _cached.Add(new Cached(block.Address, block.Size, fence, ++_sequence));
            CachedBytes += block.Size;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                ReleaseCachedLocked();
                _disposed = true;
            }
        }
    }

    private Cached? TakeBestFit(long size)
    {
        var limit = size + (size / 2);
        var candidates = _cached.GetViewBetween(new Cached(0, size, null, long.MinValue), new Cached(0, limit, null, long.MaxValue));
        Cached? busy = null;
        foreach (var c in candidates)
        {
            if (c.Fence is null || c.Fence.IsComplete)
            {
                _cached.Remove(c);
                c.Fence?.Dispose();
                return c with { Fence = null };
            }
            busy ??= c;
        }
        if (busy is null || InUseBytes + CachedBytes + size <= _allocateRatherThanWaitBelow)
        {
            return null;
        }
        _cached.Remove(busy);
        return busy;
    }

    private void ReleaseCachedLocked()
    {
        foreach (var c in _cached)
        {
            FreeNow(c);
        }
        _cached.Clear();
        CachedBytes = 0;
    }

    private void FreeNow(Cached c)
    {
        if (c.Fence is { } fence)
        {
            fence.Wait();
            fence.Dispose();
        }
        _allocator.Free(c.Address);
    }

    private sealed record Cached(ulong Address, long Size, IBlockFence? Fence, long Sequence)
    {
        public static IComparer<Cached> BySize { get; } = Comparer<Cached>.Create((a, b) =>
            a.Size != b.Size ? a.Size.CompareTo(b.Size) : a.Sequence.CompareTo(b.Sequence));
    }
}
