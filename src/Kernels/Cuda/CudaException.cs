using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Tessera.Kernels.Cuda.Native;

namespace Tessera.Kernels.Cuda;

/// <summary>
/// A CUDA driver, NVRTC or cuBLAS call failed. The message names the call (its source text), the
/// status by name (e.g. CUDA_ERROR_ILLEGAL_ADDRESS) and, for compiles, the compiler log.
/// </summary>
public class CudaException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public CudaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the underlying cause.</summary>
    public CudaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception without a message (prefer the other constructors).</summary>
    public CudaException()
    {
    }

    /// <summary>The numeric status the native call returned (CUresult, nvrtcResult or cublasStatus_t); 0 when not from a call.</summary>
    public int Status { get; init; }

    /// <summary>Throws when a driver call returned anything but CUDA_SUCCESS.</summary>
    internal static void ThrowIfFailed(int result, [CallerArgumentExpression(nameof(result))] string call = "")
    {
        if (result != CuResult.Success)
        {
            ThrowDriver(result, call);
        }
    }

    /// <summary>Throws when a cuBLAS call returned anything but CUBLAS_STATUS_SUCCESS.</summary>
    internal static void ThrowIfBlasFailed(int status, [CallerArgumentExpression(nameof(status))] string call = "")
    {
        if (status != 0)
        {
            throw new CudaException($"cuBLAS call {call} failed with {CublasApi.StatusName(status)} ({status}).") { Status = status };
        }
    }

    [DoesNotReturn]
    private static void ThrowDriver(int result, string call)
    {
        var (name, text) = CudaDriver.Describe(result);
        var hint = result switch
        {
            CuResult.OutOfMemory => " The device is out of memory: use smaller chunks or a lower MemoryLimit.",
            CuResult.IllegalAddress or CuResult.LaunchFailed =>
                " A kernel faulted; the context is unusable until the process restarts. Please report it with the expression that ran.",
            CuResult.NoBinaryForGpu or CuResult.UnsupportedPtxVersion =>
                " The compiled kernel does not suit this driver/GPU: update the NVIDIA driver, or install the NVRTC that matches it.",
            _ => "",
        };
        throw new CudaException($"CUDA call {call} failed with {name} ({result}): {text}.{hint}") { Status = result };
    }
}
