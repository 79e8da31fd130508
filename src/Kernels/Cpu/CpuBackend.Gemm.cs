using Tessera.Kernels.Backends;
using Tessera.Kernels.Expressions;

namespace Tessera.Kernels.Cpu;

internal sealed partial class CpuBackend
{
    public void Gemm(bool transposeA, bool transposeB, double alpha, IDeviceBuffer a, IDeviceBuffer b, double beta, IDeviceBuffer c)
    {
        var (m, n, k) = BackendChecks.Gemm(transposeA, transposeB, a, b, c);
        // BLAS wants leading dimensions of at least 1 even for empty matrices (a [3, 0] operand).
        var (lda, ldb, ldc) = (Math.Max(1, a.Shape[1]), Math.Max(1, b.Shape[1]), Math.Max(1, n));
        if (c.DType == DType.Float16)
        {
            GemmThroughFloat32(transposeA, transposeB, alpha, a, b, beta, c);
        }
        else if (c.DType == DType.Float32)
        {
            var (ta, tb, tc) = (Typed<float>(a, nameof(a)), Typed<float>(b, nameof(b)), Typed<float>(c, nameof(c)));
            CpuGemm.Gemm<float>(transposeA, transposeB, m, n, k, (float)alpha, ta.Span, lda, tb.Span, ldb, (float)beta, tc.Span, ldc);
        }
        else
        {
            var (ta, tb, tc) = (Typed<double>(a, nameof(a)), Typed<double>(b, nameof(b)), Typed<double>(c, nameof(c)));
            CpuGemm.Gemm<double>(transposeA, transposeB, m, n, k, alpha, ta.Span, lda, tb.Span, ldb, beta, tc.Span, ldc);
        }
    }

    // float16 has no fast arithmetic on CPUs: its products are computed in float32 (as NumPy's
    // float16 matmul accumulates in float32) and rounded to float16 once, at the end.
    private void GemmThroughFloat32(bool transposeA, bool transposeB, double alpha, IDeviceBuffer a, IDeviceBuffer b, double beta, IDeviceBuffer c)
    {
        var c32 = Convert(c, DType.Float32);
        Gemm(transposeA, transposeB, alpha, Convert(a, DType.Float32), Convert(b, DType.Float32), beta, c32);
        ElementwiseTiled(Ex.Cast(Ex.Input(0, DType.Float32), DType.Float16), [c32], c);
    }

    private IDeviceBuffer Convert(IDeviceBuffer x, DType dtype)
    {
        var converted = CpuBuffer.Allocate(dtype, [.. x.Shape]);
        ElementwiseTiled(Ex.Cast(Ex.Input(0, x.DType), dtype), [x], converted);
        return converted;
    }
}
