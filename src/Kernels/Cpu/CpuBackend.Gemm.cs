using Tessera.Kernels.Backends;

namespace Tessera.Kernels.Cpu;

internal sealed partial class CpuBackend
{
    public void Gemm(bool transposeA, bool transposeB, double alpha, IDeviceBuffer a, IDeviceBuffer b, double beta, IDeviceBuffer c)
    {
        var (m, n, k) = BackendChecks.Gemm(transposeA, transposeB, a, b, c);
        if (c.DType == DType.Float32)
        {
            var (ta, tb, tc) = (Typed<float>(a, nameof(a)), Typed<float>(b, nameof(b)), Typed<float>(c, nameof(c)));
            CpuGemm.Gemm<float>(transposeA, transposeB, m, n, k, (float)alpha, ta.Span, a.Shape[1], tb.Span, b.Shape[1], (float)beta, tc.Span, n);
        }
        else
        {
            var (ta, tb, tc) = (Typed<double>(a, nameof(a)), Typed<double>(b, nameof(b)), Typed<double>(c, nameof(c)));
            CpuGemm.Gemm<double>(transposeA, transposeB, m, n, k, alpha, ta.Span, a.Shape[1], tb.Span, b.Shape[1], beta, tc.Span, n);
        }
    }
}
