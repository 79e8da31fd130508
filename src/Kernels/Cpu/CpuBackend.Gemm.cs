using Tessera.Kernels.Backends;

namespace Tessera.Kernels.Cpu;

internal sealed partial class CpuBackend
{
    public void Gemm(bool transposeA, bool transposeB, double alpha, IDeviceBuffer a, IDeviceBuffer b, double beta, IDeviceBuffer c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (a.Shape.Count != 2 || b.Shape.Count != 2 || c.Shape.Count != 2)
        {
            throw new ArgumentException(
                $"GEMM takes 2-D buffers; got A {Shapes.Format(a.Shape)}, B {Shapes.Format(b.Shape)}, C {Shapes.Format(c.Shape)}. " +
                "Reshape batched operands to 2-D blocks.");
        }
        if (a.DType != c.DType || b.DType != c.DType || !c.DType.IsFloatingPoint())
        {
            throw new ArgumentException(
                $"GEMM needs A, B and C of one floating type; got {a.DType}, {b.DType}, {c.DType}. Cast the operands to float32 or float64.");
        }
        var m = transposeA ? a.Shape[1] : a.Shape[0];
        var k = transposeA ? a.Shape[0] : a.Shape[1];
        var kb = transposeB ? b.Shape[1] : b.Shape[0];
        var n = transposeB ? b.Shape[0] : b.Shape[1];
        if (k != kb || c.Shape[0] != m || c.Shape[1] != n)
        {
            throw new ArgumentException(
                $"GEMM shapes do not agree: op(A) is [{m}, {k}], op(B) is [{kb}, {n}], C is {Shapes.Format(c.Shape)}; " +
                $"expected op(B) to have {k} rows and C to be [{m}, {n}]. Check the transpose flags.");
        }
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
