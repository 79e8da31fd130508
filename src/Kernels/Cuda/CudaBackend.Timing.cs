namespace Tessera.Kernels.Cuda;

/// <summary>The backend's streams, named for timing and tests.</summary>
internal enum CudaStreamKind
{
    /// <summary>Kernels and cuBLAS.</summary>
    Compute,

    /// <summary>Host→device copies.</summary>
    Upload,

    /// <summary>Device→host copies.</summary>
    Download,
}

internal sealed partial class CudaBackend
{
    /// <summary>Records a timing event after the work queued so far on <paramref name="stream"/>; dispose it when done.</summary>
    internal CudaEvent RecordTimingEvent(CudaStreamKind stream)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var scope = _context.Enter();
            return Stream(stream).Record(timing: true);
        }
    }

    /// <summary>Device milliseconds from <paramref name="start"/> to <paramref name="end"/>, waiting for <paramref name="end"/> first.</summary>
    internal float ElapsedMilliseconds(CudaEvent start, CudaEvent end)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        using var scope = _context.Enter();
        end.Wait();
        start.Wait();
        return end.MillisecondsSince(start);
    }

    /// <summary>Releases a timing event with the context current.</summary>
    internal void Release(CudaEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        using var scope = _context.Enter();
        ev.Dispose();
    }

    private CudaStream Stream(CudaStreamKind kind) => kind switch
    {
        CudaStreamKind.Compute => _compute,
        CudaStreamKind.Upload => _upload,
        _ => _download,
    };
}
