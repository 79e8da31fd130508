using Tessera.Kernels.Backends;

namespace Tessera.Kernels.Cpu;

internal sealed partial class CpuBackend
{
    public void Gemm(bool transposeA, bool transposeB, double alpha, IDeviceBuffer a, IDeviceBuffer b, double beta, IDeviceBuffer c)
    {
        var (m, n, k) = BackendChecks.Gemm(transposeA, transposeB, a, b, c);
        // BLAS wants leading dimensions of at least 1 even for empty matrices (a [3, 0] operand).
        var (lda, ldb, ldc) = (Math.Max(1, a.Shape[1]), Math.Max(1, b.Shape[1]), Math.Max(1, n));
        if (c.DType == DType.Float32)
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
}
