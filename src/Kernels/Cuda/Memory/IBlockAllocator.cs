namespace Tessera.Kernels.Cuda.Memory;

/// <summary>
/// The raw allocator under a <see cref="BlockPool"/>: cuMemAlloc for device memory,
/// cuMemHostAlloc for pinned host memory, or a fake in tests. Addresses are opaque numbers.
/// </summary>
internal interface IBlockAllocator
{
    /// <summary>What the memory is, for messages: "device" or "pinned host".</summary>
    string What { get; }

    /// <summary>Allocates <paramref name="bytes"/>; false when out of memory (other failures throw).</summary>
    bool TryAllocate(long bytes, out ulong address);

    /// <summary>Releases memory from <see cref="TryAllocate"/>.</summary>
    void Free(ulong address);

    /// <summary>Free and total bytes of the memory this allocator draws from, for the out-of-memory message.</summary>
    (long Free, long Total) MemoryInfo();
}

/// <summary>
/// Marks when queued device work that uses a block is done (a recorded CUDA event). A block
/// released with a fence is not handed out as idle until the fence completes.
/// </summary>
internal interface IBlockFence : IDisposable
{
    /// <summary>Whether the work has finished (never blocks).</summary>
    bool IsComplete { get; }

    /// <summary>Blocks the host until the work has finished.</summary>
    void Wait();
}

/// <summary>A block rented from a <see cref="BlockPool"/>: its address and usable size (at least what was asked).</summary>
internal readonly record struct PoolBlock(ulong Address, long Size);
