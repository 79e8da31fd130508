using ILGPU.Runtime.Cuda;
using Tessera.Kernels.Backends;
using Tessera.Kernels.IlGpu.Gemm;

namespace Tessera.Kernels.IlGpu;

internal sealed partial class IlGpuBackend
{
    /// <summary>Set to 1 to let float32 GEMMs on CUDA use TF32 tensor cores (about 10 significant bits in the products).</summary>
    public const string Tf32EnvironmentVariable = "TESSERA_CUDA_TF32";

    private TiledGemm<float>? _gemmFloat;
    private TiledGemm<double>? _gemmDouble;
    private CuBlasGemm? _cuBlas;

    /// <summary>
    /// Whether float32 GEMMs on CUDA may use TF32 tensor-core math: several times faster on Ampere
    /// and later, but products keep only 10 mantissa bits (results differ from the CPU's around 1e-3
    /// relative). Off unless <c>TESSERA_CUDA_TF32=1</c> is set when the backend is created, or this
    /// property is set. float64 GEMMs and non-CUDA accelerators are never affected.
    /// </summary>
    public bool AllowTf32 { get; set; } = Environment.GetEnvironmentVariable(Tf32EnvironmentVariable) == "1";

    public void Gemm(bool transposeA, bool transposeB, double alpha, IDeviceBuffer a, IDeviceBuffer b,
        double beta, IDeviceBuffer c)
    {
        var (m, n, k) = BackendChecks.Gemm(transposeA, transposeB, a, b, c);
        var (da, db, dc) = (Own(a, nameof(a)), Own(b, nameof(b)), Own(c, nameof(c)));
        var problem = new GemmProblem(m, n, k, a.Shape[1], b.Shape[1], transposeA ? 1 : 0, transposeB ? 1 : 0, beta == 0 ? 1 : 0);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (m == 0 || n == 0)
            {
                return;
            }
            if (Accelerator is CudaAccelerator cuda)
            {
                _cuBlas ??= new CuBlasGemm(cuda);
                if (c.DType == DType.Float32)
                {
                    _cuBlas.Run(AllowTf32, problem, da.View<float>(), db.View<float>(), (float)alpha, (float)beta, dc.View<float>());
                }
                else
                {
                    _cuBlas.Run(problem, da.View<double>(), db.View<double>(), alpha, beta, dc.View<double>());
                }
                return;
            }
            var stream = Accelerator.DefaultStream;
            if (c.DType == DType.Float32)
            {
                _gemmFloat ??= new TiledGemm<float>(Accelerator);
                _gemmFloat.Launch(stream, da.View<float>(), db.View<float>(), dc.View<float>(), problem, (float)alpha, (float)beta);
            }
            else
            {
                _gemmDouble ??= new TiledGemm<double>(Accelerator);
                _gemmDouble.Launch(stream, da.View<double>(), db.View<double>(), dc.View<double>(), problem, alpha, beta);
            }
        }
    }

    /// <summary>Releases the cuBLAS handle (called by Dispose, before the accelerator goes).</summary>
    private void DisposeGemm()
    {
        _cuBlas?.Dispose();
        _cuBlas = null;
    }
}
