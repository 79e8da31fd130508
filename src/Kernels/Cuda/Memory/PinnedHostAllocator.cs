using Tessera.Kernels.Cuda.Native;

namespace Tessera.Kernels.Cuda.Memory;

/// <summary>
/// Page-locked host memory (cuMemHostAlloc), the only host memory the copy engines read and write
/// asynchronously: copies from pageable memory are staged and serialised by the driver. Portable,
/// so any context may use it. Call with a context current.
/// </summary>
internal sealed unsafe class PinnedHostAllocator : IBlockAllocator
{
    private const uint Portable = 1;
    private readonly CudaDriverApi _api = CudaDriver.Api;

    public string What => "pinned host";

    public bool TryAllocate(long bytes, out ulong address)
    {
        void* pointer;
        var result = _api.MemHostAlloc(&pointer, (nuint)bytes, Portable);
        address = (ulong)pointer;
        if (result == CuResult.OutOfMemory)
        {
            return false;
        }
        CudaException.ThrowIfFailed(result);
        return true;
    }

    public void Free(ulong address) => CudaException.ThrowIfFailed(_api.MemFreeHost((void*)address));

    public (long Free, long Total) MemoryInfo()
    {
        var info = GC.GetGCMemoryInfo();
        return (info.TotalAvailableMemoryBytes - info.MemoryLoadBytes, info.TotalAvailableMemoryBytes);
    }
}
