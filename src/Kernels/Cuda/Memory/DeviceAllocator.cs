using Tessera.Kernels.Cuda.Native;

namespace Tessera.Kernels.Cuda.Memory;

/// <summary>cuMemAlloc/cuMemFree on the current context's device. Call with the context current.</summary>
internal sealed unsafe class DeviceAllocator : IBlockAllocator
{
    private readonly CudaDriverApi _api = CudaDriver.Api;

    public string What => "device";

    public bool TryAllocate(long bytes, out ulong address)
    {
        ulong pointer;
        var result = _api.MemAlloc(&pointer, (nuint)bytes);
        address = pointer;
        if (result == CuResult.OutOfMemory)
        {
            return false;
        }
        CudaException.ThrowIfFailed(result);
        return true;
    }

    public void Free(ulong address) => CudaException.ThrowIfFailed(_api.MemFree(address));

    public (long Free, long Total) MemoryInfo()
    {
        nuint free, total;
        return _api.MemGetInfo(&free, &total) == CuResult.Success ? ((long)free, (long)total) : (-1, -1);
    }
}
