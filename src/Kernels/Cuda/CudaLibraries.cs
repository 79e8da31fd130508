using Tessera.Kernels.Cuda.Native;

namespace Tessera.Kernels.Cuda;

/// <summary>
/// NVRTC and cuBLAS, loaded on first use. They are separate from the driver: a machine may have a
/// driver but no toolkit, in which case buffers and copies work and compiles/GEMMs say what to install.
/// </summary>
internal static class CudaLibraries
{
    private static readonly Lazy<(NvrtcApi? Api, string Path, string? Failure)> NvrtcLoaded = new(() => Load(
        CudaLibrary.Nvrtc, (h, p) => new NvrtcApi(h, p), "NVRTC",
        "install the CUDA toolkit's NVRTC (e.g. apt install cuda-nvrtc-12-x) or `pip install nvidia-cuda-nvrtc-cu12`"));

    private static readonly Lazy<(CublasApi? Api, string Path, string? Failure)> CublasLoaded = new(() => Load(
        CudaLibrary.Cublas, (h, p) => new CublasApi(h, p), "cuBLAS",
        "install the CUDA toolkit's cuBLAS (e.g. apt install libcublas-12-x) or `pip install nvidia-cublas-cu12`"));

    /// <summary>The NVRTC entry points.</summary>
    /// <exception cref="NotSupportedException">NVRTC is not installed; the message says where it was looked for.</exception>
    public static NvrtcApi Nvrtc => NvrtcLoaded.Value.Api ?? throw new NotSupportedException(NvrtcLoaded.Value.Failure);

    /// <summary>Where NVRTC was loaded from.</summary>
    public static string NvrtcPath => NvrtcLoaded.Value.Path;

    /// <summary>The cuBLAS entry points.</summary>
    /// <exception cref="NotSupportedException">cuBLAS is not installed; the message says where it was looked for.</exception>
    public static CublasApi Cublas => CublasLoaded.Value.Api ?? throw new NotSupportedException(CublasLoaded.Value.Failure);

    /// <summary>Where cuBLAS was loaded from.</summary>
    public static string CublasPath => CublasLoaded.Value.Path;

    private static (T? Api, string Path, string? Failure) Load<T>(CudaLibrary library, Func<nint, string, T> bind, string what, string fix)
        where T : class
    {
        // Prefer the library generation the driver supports: newer ones may emit code it cannot load.
        var names = CudaLibraryNames.PreferDriverVersion(CudaLibraryNames.Names(library), CudaDriver.Version);
        if (!NativeLibraries.TryLoad(library, names, out var handle, out var path, out var tried))
        {
            return (null, "", $"{what} not found (looked for {tried}); {fix}.");
        }
        try
        {
            return (bind(handle, path), path, null);
        }
        catch (EntryPointNotFoundException e)
        {
            return (null, path, e.Message);
        }
    }
}
