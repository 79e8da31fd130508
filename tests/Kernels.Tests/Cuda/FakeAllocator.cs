using Tessera.Kernels.Cuda.Memory;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>A pretend device of <see cref="Capacity"/> bytes: hands out increasing addresses and counts what is live.</summary>
internal sealed class FakeAllocator(long capacity) : IBlockAllocator
{
    private readonly Dictionary<ulong, long> _live = [];
    private ulong _next = 0x1000;

    public long Capacity { get; } = capacity;

    public long LiveBytes => _live.Values.Sum();

    public int Allocations { get; private set; }

    public int Frees { get; private set; }

    public string What => "device";

    public bool TryAllocate(long bytes, out ulong address)
    {
        if (LiveBytes + bytes > Capacity)
        {
            address = 0;
            return false;
        }
        address = _next;
        _next += (ulong)bytes + 0x1000;
        _live.Add(address, bytes);
        Allocations++;
        return true;
    }

    public void Free(ulong address)
    {
        Assert.True(_live.Remove(address), $"freed 0x{address:x}, which is not live (double free or foreign address)");
        Frees++;
    }

    public (long Free, long Total) MemoryInfo() => (Capacity - LiveBytes, Capacity);
}

/// <summary>A fence the test completes by hand.</summary>
internal sealed class FakeFence(bool complete = false) : IBlockFence
{
    public bool IsComplete { get; set; } = complete;

    public bool Waited { get; private set; }

    public bool Disposed { get; private set; }

    public void Wait()
    {
        Waited = true;
        IsComplete = true;
    }

    public void Dispose() => Disposed = true;
}
