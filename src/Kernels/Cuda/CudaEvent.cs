using Tessera.Kernels.Cuda.Memory;
using Tessera.Kernels.Cuda.Native;

namespace Tessera.Kernels.Cuda;

/// <summary>
/// A point in a stream's work: other streams wait on it, the host polls or waits for it, and two
/// timing events measure the device time between them. It is also the fence that tells the memory
/// pools when a released block is no longer read or written by queued work.
/// </summary>
internal sealed unsafe class CudaEvent : IBlockFence, IDisposable
{
    // Events without timing are lighter to record and to wait on.
    private const uint DisableTiming = 2;
    private readonly CudaDriverApi _api;

    public CudaEvent(bool timing = false)
    {
        _api = CudaDriver.Api;
        nint handle;
        CudaException.ThrowIfFailed(_api.EventCreate(&handle, timing ? 0u : DisableTiming));
        Handle = handle;
    }

    public nint Handle { get; private set; }

    /// <summary>Whether the work before the event has finished (cuEventQuery; never blocks).</summary>
    public bool IsComplete
    {
        get
        {
            var result = _api.EventQuery(Handle);
            if (result == CuResult.NotReady)
            {
                return false;
            }
            CudaException.ThrowIfFailed(result);
            return true;
        }
    }

    /// <summary>Captures the work queued on <paramref name="stream"/> so far.</summary>
    public void Record(CudaStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CudaException.ThrowIfFailed(_api.EventRecord(Handle, stream.Handle));
    }

    /// <summary>Blocks the host until the event has completed.</summary>
    public void Wait() => CudaException.ThrowIfFailed(_api.EventSynchronize(Handle));

    /// <summary>Milliseconds of device time from <paramref name="start"/> to this event (both created with timing).</summary>
    public float MillisecondsSince(CudaEvent start)
    {
        ArgumentNullException.ThrowIfNull(start);
        float ms;
        CudaException.ThrowIfFailed(_api.EventElapsedTime(&ms, start.Handle, Handle));
        return ms;
    }

    public void Dispose()
    {
        if (Handle != 0)
        {
            // Destroying an event whose work is pending is allowed: the driver frees it on completion.
            _api.EventDestroy(Handle);
            Handle = 0;
        }
    }
}
