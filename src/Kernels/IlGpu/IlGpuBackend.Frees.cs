using ILGPU.Runtime;

namespace Tessera.Kernels.IlGpu;

/// <summary>
/// Freeing device memory only once no queued kernel can still read it.
/// </summary>
/// <remarks>
/// Kernels run asynchronously, and ILGPU releases a buffer's memory at once (the CPU accelerator's
/// native memory, cuMemFree on CUDA). A buffer freed while a kernel that reads it is still queued
/// (the scheduler drops an intermediate as soon as its last consumer was issued) would then be read
/// after it was reused: a new buffer's zero fill showed up as all-zero results. So frees are parked
/// and released after the next synchronisation of the accelerator, which every host copy does
/// anyway; past <see cref="ParkedBytesLimit"/> a free synchronises itself.
/// </remarks>
internal sealed partial class IlGpuBackend
{
    /// <summary>Parked bytes past which <see cref="Park"/> waits for the device and releases them.</summary>
    private const long ParkedBytesLimit = 256L << 20;

    private readonly List<MemoryBuffer> _parked = [];
    private long _parkedBytes;

    /// <summary>Parks <paramref name="memory"/> until the accelerator has finished what is queued. Call with the gate held.</summary>
    private void Park(MemoryBuffer memory)
    {
        _parked.Add(memory);
        _parkedBytes += memory.LengthInBytes;
        if (_parkedBytes > ParkedBytesLimit)
        {
            SynchronizeAndRelease();
        }
    }

    /// <summary>Waits for the accelerator, then releases every parked buffer. Call with the gate held.</summary>
    private void SynchronizeAndRelease()
    {
        Accelerator.Synchronize();
        foreach (var memory in _parked)
        {
            memory.Dispose();
        }
        _parked.Clear();
        _parkedBytes = 0;
    }
}
