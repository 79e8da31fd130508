namespace Tessera.Kernels.Cuda.Native;

#pragma warning disable CA1051, SA1401 // A table of native entry points: fields are the natural shape.
/// <summary>The libcublas entry points, as function pointers. Every function returns a cublasStatus_t (0 = success).</summary>
internal sealed unsafe class CublasApi
{
    public readonly delegate* unmanaged<nint*, int> Create;
    public readonly delegate* unmanaged<nint, int> Destroy;
    public readonly delegate* unmanaged<nint, nint, int> SetStream;
    public readonly delegate* unmanaged<nint, int, int> SetMathMode;
    public readonly delegate* unmanaged<nint, int, int, int, int, int, float*, ulong, int, ulong, int, float*, ulong, int, int> Sgemm;
    public readonly delegate* unmanaged<nint, int, int, int, int, int, double*, ulong, int, ulong, int, double*, ulong, int, int> Dgemm;

    public CublasApi(nint library, string path)
    {
        nint Get(string name) => NativeLibraries.RequiredExport(library, path, name);
        Create = (delegate* unmanaged<nint*, int>)Get("cublasCreate_v2");
        Destroy = (delegate* unmanaged<nint, int>)Get("cublasDestroy_v2");
        SetStream = (delegate* unmanaged<nint, nint, int>)Get("cublasSetStream_v2");
        SetMathMode = (delegate* unmanaged<nint, int, int>)Get("cublasSetMathMode");
        Sgemm = (delegate* unmanaged<nint, int, int, int, int, int, float*, ulong, int, ulong, int, float*, ulong, int, int>)Get("cublasSgemm_v2");
        Dgemm = (delegate* unmanaged<nint, int, int, int, int, int, double*, ulong, int, ulong, int, double*, ulong, int, int>)Get("cublasDgemm_v2");
    }

    /// <summary>cublasOperation_t.</summary>
    public const int OpN = 0, OpT = 1;

    /// <summary>cublasMath_t: default (true FP32) and TF32 tensor-core math for FP32 GEMMs.</summary>
    public const int DefaultMath = 0, Tf32TensorOpMath = 3;

    /// <summary>The CUBLAS_STATUS_* name of <paramref name="status"/>.</summary>
    public static string StatusName(int status) => status switch
    {
        0 => "CUBLAS_STATUS_SUCCESS",
        1 => "CUBLAS_STATUS_NOT_INITIALIZED",
        3 => "CUBLAS_STATUS_ALLOC_FAILED",
        7 => "CUBLAS_STATUS_INVALID_VALUE",
        8 => "CUBLAS_STATUS_ARCH_MISMATCH",
        11 => "CUBLAS_STATUS_MAPPING_ERROR",
        13 => "CUBLAS_STATUS_EXECUTION_FAILED",
        14 => "CUBLAS_STATUS_INTERNAL_ERROR",
        15 => "CUBLAS_STATUS_NOT_SUPPORTED",
        16 => "CUBLAS_STATUS_LICENSE_ERROR",
        _ => $"cublasStatus_t {status}",
    };
}
#pragma warning restore CA1051, SA1401
