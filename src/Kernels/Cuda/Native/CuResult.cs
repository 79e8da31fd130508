namespace Tessera.Kernels.Cuda.Native;

/// <summary>
/// The CUresult codes this backend acts on, and names for messages when the driver cannot be
/// asked (cuGetErrorName is used whenever libcuda is loaded).
/// </summary>
internal static class CuResult
{
    public const int Success = 0;
    public const int InvalidValue = 1;
    public const int OutOfMemory = 2;
    public const int NotInitialized = 3;
    public const int NoDevice = 100;
    public const int InvalidDevice = 101;
    public const int NoBinaryForGpu = 209;
    public const int InvalidPtx = 218;
    public const int UnsupportedPtxVersion = 222;
    public const int NotReady = 600;
    public const int IllegalAddress = 700;
    public const int LaunchFailed = 719;

    /// <summary>The CUDA_ERROR_* name of <paramref name="code"/> from this table, e.g. for tests and when libcuda is absent.</summary>
    public static string KnownName(int code) => code switch
    {
        Success => "CUDA_SUCCESS",
        InvalidValue => "CUDA_ERROR_INVALID_VALUE",
        OutOfMemory => "CUDA_ERROR_OUT_OF_MEMORY",
        NotInitialized => "CUDA_ERROR_NOT_INITIALIZED",
        NoDevice => "CUDA_ERROR_NO_DEVICE",
        InvalidDevice => "CUDA_ERROR_INVALID_DEVICE",
        NoBinaryForGpu => "CUDA_ERROR_NO_BINARY_FOR_GPU",
        InvalidPtx => "CUDA_ERROR_INVALID_PTX",
        UnsupportedPtxVersion => "CUDA_ERROR_UNSUPPORTED_PTX_VERSION",
        NotReady => "CUDA_ERROR_NOT_READY",
        IllegalAddress => "CUDA_ERROR_ILLEGAL_ADDRESS",
        LaunchFailed => "CUDA_ERROR_LAUNCH_FAILED",
        _ => $"CUresult {code}",
    };
}
