using Tessera.Kernels.Cuda.Native;

namespace Tessera.Kernels.Cuda;

/// <summary>
/// A non-blocking stream: work on it is ordered, and it does not wait for the legacy default
/// stream, so copies on one stream overlap kernels on another. Create and use it with the
/// context current.
/// </summary>
internal sealed unsafe class CudaStream : IDisposable
{
    private const uint NonBlocking = 1;
    private readonly CudaDriverApi _api;

    public CudaStream()
    {
        _api = CudaDriver.Api;
        nint handle;
        CudaException.ThrowIfFailed(_api.StreamCreate(&handle, NonBlocking));
        Handle = handle;
    }

    public nint Handle { get; private set; }

    /// <summary>Makes later work on this stream wait until <paramref name="ev"/> has completed (on the device; the host does not block).</summary>
    public void Wait(CudaEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        CudaException.ThrowIfFailed(_api.StreamWaitEvent(Handle, ev.Handle, 0));
    }

    /// <summary>Records a new event after the work queued so far; the caller disposes it.</summary>
    public CudaEvent Record(bool timing = false)
    {
        var ev = new CudaEvent(timing);
        ev.Record(this);
        return ev;
    }

    /// <summary>Blocks the host until the stream's work is done.</summary>
    public void Synchronize() => CudaException.ThrowIfFailed(_api.StreamSynchronize(Handle));

    public void Dispose()
    {
        if (Handle != 0)
        {
            _api.StreamDestroy(Handle);
            Handle = 0;
        }
    }
}
