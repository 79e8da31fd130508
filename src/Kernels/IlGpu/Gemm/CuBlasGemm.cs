using ILGPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.Cuda.API;

namespace Tessera.Kernels.IlGpu.Gemm;

/// <summary>
/// GEMM on CUDA through cuBLAS (ILGPU.Algorithms' <see cref="CuBlas"/>): one handle per accelerator,
/// bound to its default stream (the stream every other kernel of the backend runs on, so ordering
/// needs no extra synchronisation), host pointer mode (alpha and beta are passed by value).
/// Not testable without a GPU: kept to the one call.
/// </summary>
internal sealed class CuBlasGemm : IDisposable
{
    // cuBLAS's CUBLAS_TF32_TENSOR_OP_MATH. ILGPU 1.5.3's CuBlasMathMode names only DefaultMath (0)
    // and TensorOpMath (1, which lets float32 GEMMs round inputs to half on cuBLAS 11+); the
    // setter passes the value through to cublasSetMathMode, so the TF32 mode is given by number.
    private const CuBlasMathMode Tf32TensorOpMath = (CuBlasMathMode)3;

    private readonly CuBlas _blas;

    public CuBlasGemm(CudaAccelerator accelerator)
    {
        _blas = Create(accelerator);
        _blas.Stream = (CudaStream)accelerator.DefaultStream;
        _blas.PointerMode = CuBlasPointerMode.Host;
    }

    /// <summary>
    /// Row-major <c>C = alpha·op(A)·op(B) + beta·C</c>. cuBLAS is column-major and a row-major matrix
    /// read column-major is its transpose, so this computes <c>Cᵀ = op(B)ᵀ·op(A)ᵀ</c>: operands swapped
    /// (B first), m and n swapped, each leading dimension the stored row length. Nothing is transposed.
    /// </summary>
    public void Run(bool allowTf32, GemmProblem p, ArrayView<float> a, ArrayView<float> b, float alpha, float beta, ArrayView<float> c)
    {
        _blas.MathMode = allowTf32 ? Tf32TensorOpMath : CuBlasMathMode.DefaultMath;
        _blas.Gemm(Op(p.TransposeB), Op(p.TransposeA), p.N, p.M, p.K, alpha, b, Ld(p.Ldb), a, Ld(p.Lda), beta, c, Ld(p.N));
    }

    /// <inheritdoc cref="Run(bool, GemmProblem, ArrayView{float}, ArrayView{float}, float, float, ArrayView{float})"/>
    public void Run(GemmProblem p, ArrayView<double> a, ArrayView<double> b, double alpha, double beta, ArrayView<double> c) =>
        _blas.Gemm(Op(p.TransposeB), Op(p.TransposeA), p.N, p.M, p.K, alpha, b, Ld(p.Ldb), a, Ld(p.Lda), beta, c, Ld(p.N));

    public void Dispose() => _blas.Dispose();

    private static CuBlasOperation Op(int transpose) => transpose != 0 ? CuBlasOperation.Transpose : CuBlasOperation.NonTranspose;

    // cuBLAS rejects a leading dimension of 0 even when the matrix is empty (k = 0).
    private static int Ld(int rowLength) => Math.Max(1, rowLength);

    // The library's file name carries its major version (libcublas.so.12, …); take the newest present.
    private static CuBlas Create(CudaAccelerator accelerator)
    {
        DllNotFoundException? missing = null;
        foreach (var version in new[] { CuBlasAPIVersion.V12, CuBlasAPIVersion.V11, CuBlasAPIVersion.V10 })
        {
            try
            {
                return new CuBlas(accelerator, version);
            }
            catch (DllNotFoundException e)
            {
                missing = e;
            }
        }
        throw new NotSupportedException(
            "cuBLAS was not found (libcublas.so.12/11/10 or cublas64_12/11/10.dll). Install the CUDA toolkit's cuBLAS " +
            "or compute on a non-CUDA device.", missing);
    }
}
