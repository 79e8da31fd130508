using Tessera.Kernels.Backends;
using Tessera.Kernels.Cpu;
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
