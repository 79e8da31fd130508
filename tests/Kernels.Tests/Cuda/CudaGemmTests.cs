using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
using Tessera.Kernels.Cuda;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Cuda;

/// <summary>cuBLAS GEMM through the backend against the CPU backend and against cuBLAS called column-major directly.</summary>
public class CudaGemmTests
{
    public static TheoryData<DType, bool, bool> Cases()
    {
        var data = new TheoryData<DType, bool, bool>();
        foreach (var dtype in (DType[])[DType.Float32, DType.Float64])
        {
            foreach (var ta in (bool[])[false, true])
            {
                foreach (var tb in (bool[])[false, true])
                {
                    data.Add(dtype, ta, tb);
                }
            }
        }
        return data;
    }

    [CudaTheory]
    [MemberData(nameof(Cases))]
    public void Gemm_OddSizes_MatchesCpuBackend(DType dtype, bool transposeA, bool transposeB)
    {
        const int m = 131, n = 67, k = 259;
        var cuda = CudaGpu.Interface;
        var cpu = CpuBackend.Instance;
        var a = TestData.Create(dtype, m * k, seed: 1, specials: false, range: 1);
        var b = TestData.Create(dtype, k * n, seed: 2, specials: false, range: 1);
        var c = TestData.Create(dtype, m * n, seed: 3, specials: false, range: 1);
        int[] sa = transposeA ? [k, m] : [m, k], sb = transposeB ? [n, k] : [k, n];
        var expected = Run(cpu, transposeA, transposeB, a, sa, b, sb, c, m, n);
        var actual = Run(cuda, transposeA, transposeB, a, sa, b, sb, c, m, n);
        // k = 259 products of values in [-1, 1]: float32 rounding grows like sqrt(k) * 6e-8 * |terms|.
        var tolerance = dtype == DType.Float32 ? 2e-5 : 1e-12;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Close.Equal(expected[i].ToDouble(), actual[i].ToDouble(), tolerance, absolute: tolerance * k),
                $"{dtype} ta={transposeA} tb={transposeB} C[{i / n},{i % n}]: CPU {expected[i]}, CUDA {actual[i]}");
        }
    }

    [CudaFact]
    public void Gemm_RowMajorOperandSwap_EqualsDirectColumnMajorCublas()
    {
        // Direct cuBLAS, column-major: a row-major [m,k] array read column-major is Aᵀ ([k,m], ld k), so
        // C' = (Aᵀ)ᵀ(Bᵀ)ᵀ = A·B column-major, i.e. C' holds Cᵀ in row-major order.
        const int m = 96, n = 80, k = 112;
        var backend = CudaGpu.Backend;
        var a = (double[])TestData.Create(DType.Float64, m * k, seed: 4, specials: false, range: 1);
        var b = (double[])TestData.Create(DType.Float64, k * n, seed: 5, specials: false, range: 1);
        var ba = Buffers.Upload(backend, a, m, k);
        var bb = Buffers.Upload(backend, b, k, n);
        var viaBackend = backend.Allocate(DType.Float64, [m, n]);
        backend.Gemm(false, false, 1, ba, bb, 0, viaBackend);
        var direct = (CudaBuffer)backend.Allocate(DType.Float64, [n, m]);
        backend.GemmColumnMajorDirect(true, true, m, n, k, ba, k, bb, n, direct, m);
        var rowMajor = Buffers.Download(backend, viaBackend);
        var transposed = Buffers.Download(backend, direct);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                Assert.Equal(transposed[(j * m) + i].ToDouble(), rowMajor[(i * n) + j].ToDouble(), 12);
            }
        }
    }

    [CudaFact]
    public void Gemm_Tf32_IsOffByDefault_AndWhenOnStaysWithinTf32Precision()
    {
        const int m = 256, n = 256, k = 512;
        var backend = CudaGpu.Backend;
        var a = (float[])TestData.Create(DType.Float32, m * k, seed: 6, specials: false, range: 1);
        var b = (float[])TestData.Create(DType.Float32, k * n, seed: 7, specials: false, range: 1);
        var c = new float[m * n];
        var expected = Run(CpuBackend.Instance, false, false, a, [m, k], b, [k, n], c, m, n);
        if (Environment.GetEnvironmentVariable(CudaBackend.Tf32EnvironmentVariable) is null)
        {
            Assert.False(backend.AllowTf32, "TF32 must be opt-in");
        }
        var saved = backend.AllowTf32;
        try
        {
            backend.AllowTf32 = false;
            var exact = Run(backend, false, false, a, [m, k], b, [k, n], c, m, n);
            backend.AllowTf32 = true;
            var tf32 = Run(backend, false, false, a, [m, k], b, [k, n], c, m, n);
            double worstExact = 0, worstTf32 = 0;
            for (var i = 0; i < expected.Length; i++)
            {
                worstExact = Math.Max(worstExact, Math.Abs(exact[i].ToDouble() - expected[i].ToDouble()));
                worstTf32 = Math.Max(worstTf32, Math.Abs(tf32[i].ToDouble() - expected[i].ToDouble()));
            }
            Assert.True(worstExact < 1e-4, $"FP32 GEMM off by {worstExact}");
            // TF32 keeps 10 mantissa bits (about 1e-3 relative per product); sums of 512 terms of size <= 1.
            Assert.True(worstTf32 < 0.1, $"TF32 GEMM off by {worstTf32}");
        }
        finally
        {
            backend.AllowTf32 = saved;
        }
    }

    [CudaFact]
    public void Gemm_EmptyInnerDimension_ScalesC()
    {
        var backend = CudaGpu.Interface;
        var a = backend.Allocate(DType.Float64, [3, 0]);
        var b = backend.Allocate(DType.Float64, [0, 2]);
        var c = Buffers.Upload(backend, new double[] { 1, 2, 3, 4, 5, 6 }, 3, 2);
        backend.Gemm(false, false, 1, a, b, 2, c);
        Assert.Equal([2.0, 4, 6, 8, 10, 12], Buffers.Download(backend, c).Select(s => s.ToDouble()));
    }

    private static Tessera.Kernels.Expressions.Scalar[] Run(IComputeBackend backend, bool ta, bool tb, Array a, int[] sa, Array b, int[] sb, Array c, int m, int n)
    {
        var ba = Buffers.Upload(backend, a, sa);
        var bb = Buffers.Upload(backend, b, sb);
        var bc = Buffers.Upload(backend, c, m, n);
        backend.Gemm(ta, tb, 1.5, ba, bb, -0.5, bc);
        var result = Buffers.Download(backend, bc);
        backend.Free(ba);
        backend.Free(bb);
        backend.Free(bc);
        return result;
    }
}
