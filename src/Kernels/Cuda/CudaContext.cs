using Tessera.Kernels.Cuda.Native;

namespace Tessera.Kernels.Cuda;

/// <summary>
/// A device's primary context (the one the CUDA runtime and libraries such as cuBLAS share),
/// retained for the life of the backend. Every call into the driver runs inside
/// <see cref="Enter"/>, which makes it current on the calling thread and restores whatever was
/// current before, so scheduler threads and other CUDA users in the process do not disturb each other.
/// </summary>
internal sealed unsafe class CudaContext : IDisposable
{
    private readonly CudaDriverApi _api;
    private readonly int _device;
    private nint _handle;

    public CudaContext(int ordinal)
    {
        _api = CudaDriver.Api;
        int device;
        CudaException.ThrowIfFailed(_api.DeviceGet(&device, ordinal));
        nint handle;
        CudaException.ThrowIfFailed(_api.DevicePrimaryCtxRetain(&handle, device));
        _device = device;
        _handle = handle;
    }

    /// <summary>Makes the context current until the returned scope is disposed.</summary>
    public Scope Enter()
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        CudaException.ThrowIfFailed(_api.CtxPushCurrent(_handle));
        return new Scope(_api);
    }

    public void Dispose()
    {
        if (_handle != 0)
        {
            _handle = 0;
            _api.DevicePrimaryCtxRelease(_device);
        }
    }

    /// <summary>Pops the context pushed by <see cref="Enter"/>.</summary>
    public readonly ref struct Scope
    {
        private readonly CudaDriverApi _api;

        internal Scope(CudaDriverApi api) => _api = api;

        public void Dispose()
        {
            nint popped;
            _api.CtxPopCurrent(&popped);
        }
    }
}
