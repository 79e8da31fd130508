using Tessera.Kernels.Backends;
using Tessera.Kernels.Cuda.Native;
using Tessera.Kernels.Gpu;

namespace Tessera.Kernels.Cuda;

internal sealed unsafe partial class CudaBackend
{
    /// <summary>Set to 1 to let float32 GEMMs use TF32 tensor cores (about 10 significant bits in the products).</summary>
    public const string Tf32EnvironmentVariable = "TESSERA_CUDA_TF32";

    private nint _blas;

    /// <summary>
    /// Whether float32 GEMMs may use TF32 tensor-core math: several times faster on Ampere and
    /// later, but products keep only 10 mantissa bits, so results differ from the CPU's around
    /// 1e-3 relative. Off unless <c>TESSERA_CUDA_TF32=1</c> is set when the backend is created,
    /// or this property is set. float64 GEMMs are never affected.
    /// </summary>
    public bool AllowTf32 { get; set; }

    public void Gemm(bool transposeA, bool transposeB, double alpha, IDeviceBuffer a, IDeviceBuffer b, double beta, IDeviceBuffer c)
    {
        var (m, n, k) = BackendChecks.Gemm(transposeA, transposeB, a, b, c);
        var (da, db, dc) = (Own(a, nameof(a)), Own(b, nameof(b)), Own(c, nameof(c)));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (m == 0 || n == 0)
            {
                return;
            }
            using var scope = _context.Enter();
            PrepareForCompute(da, overwritten: false);
            PrepareForCompute(db, overwritten: false);
            // With beta = 0 cuBLAS never reads C (BLAS semantics), unless C is also an operand.
            PrepareForCompute(dc, overwritten: beta == 0 && !ReferenceEquals(dc, da) && !ReferenceEquals(dc, db));
            RunBlasGemm(transposeA, transposeB, m, n, k, alpha, da.Address, a.Shape[1], db.Address, b.Shape[1], beta, dc.Address, c.DType);
        }
    }

    /// <summary>
    /// cuBLAS on row-major data. cuBLAS is column-major, and a row-major matrix read column-major is
    /// its transpose; so C = op(A)·op(B) is computed as Cᵀ = op(B)ᵀ·op(A)ᵀ, i.e. cuBLAS is called with
    /// the operands swapped (B first), m and n swapped, and each leading dimension the row length.
    /// No data is transposed. Call with the context current and the lock held.
    /// </summary>
    internal void RunBlasGemm(bool transposeA, bool transposeB, int m, int n, int k, double alpha,
        ulong a, int aColumns, ulong b, int bColumns, double beta, ulong c, DType dtype)
    {
        var blas = Blas();
        var api = CudaLibraries.Cublas;
        var opB = transposeB ? CublasApi.OpT : CublasApi.OpN;
        var opA = transposeA ? CublasApi.OpT : CublasApi.OpN;
        // cuBLAS rejects a leading dimension of 0 even when k is 0 (then C = beta * C).
        var (lda, ldb) = (Math.Max(1, aColumns), Math.Max(1, bColumns));
        if (dtype == DType.Float32)
        {
            CudaException.ThrowIfBlasFailed(api.SetMathMode(blas, AllowTf32 ? CublasApi.Tf32TensorOpMath : CublasApi.DefaultMath));
            float fa = (float)alpha, fb = (float)beta;
            CudaException.ThrowIfBlasFailed(api.Sgemm(blas, opB, opA, n, m, k, &fa, b, ldb, a, lda, &fb, c, n));
        }
        else
        {
            CudaException.ThrowIfBlasFailed(api.Dgemm(blas, opB, opA, n, m, k, &alpha, b, ldb, a, lda, &beta, c, n));
        }
    }

    /// <summary>
    /// cuBLAS called column-major as-is (no operand swap; alpha 1, beta 0), for tests and benchmarks
    /// that check the row-major wrapper against the library itself: C (column-major m×n, ld
    /// <paramref name="ldc"/>) = op(A)·op(B). Float32 follows <see cref="AllowTf32"/>.
    /// </summary>
    internal void GemmColumnMajorDirect(bool transposeA, bool transposeB, int m, int n, int k,
        IDeviceBuffer a, int lda, IDeviceBuffer b, int ldb, IDeviceBuffer c, int ldc)
    {
        var (da, db, dc) = (Own(a, nameof(a)), Own(b, nameof(b)), Own(c, nameof(c)));
        lock (_gate)
        {
            using var scope = _context.Enter();
            PrepareForCompute(da, overwritten: false);
            PrepareForCompute(db, overwritten: false);
            PrepareForCompute(dc, overwritten: !ReferenceEquals(dc, da) && !ReferenceEquals(dc, db));
            var api = CudaLibraries.Cublas;
            var (opA, opB) = (transposeA ? CublasApi.OpT : CublasApi.OpN, transposeB ? CublasApi.OpT : CublasApi.OpN);
            if (dc.DType == DType.Float32)
            {
                float alpha = 1, beta = 0;
                CudaException.ThrowIfBlasFailed(api.SetMathMode(Blas(), AllowTf32 ? CublasApi.Tf32TensorOpMath : CublasApi.DefaultMath));
                CudaException.ThrowIfBlasFailed(api.Sgemm(Blas(), opA, opB, m, n, k, &alpha, da.Address, lda, db.Address, ldb, &beta, dc.Address, ldc));
            }
            else
            {
                double alpha = 1, beta = 0;
                CudaException.ThrowIfBlasFailed(api.Dgemm(Blas(), opA, opB, m, n, k, &alpha, da.Address, lda, db.Address, ldb, &beta, dc.Address, ldc));
            }
        }
    }

    private nint Blas()
    {
        if (_blas == 0)
        {
            var api = CudaLibraries.Cublas;
            nint handle;
            CudaException.ThrowIfBlasFailed(api.Create(&handle));
            CudaException.ThrowIfBlasFailed(api.SetStream(handle, _compute.Handle));
            _blas = handle;
        }
        return _blas;
    }

    private void DisposeBlas()
    {
        if (_blas != 0)
        {
            CudaLibraries.Cublas.Destroy(_blas);
            _blas = 0;
        }
    }
}
