using Tessera.Kernels.Backends;

namespace Tessera.Kernels.Cuda;

/// <summary>Checks GEMM operands the way every backend must, returning (m, n, k).</summary>
internal static class GemmShape
{
    public static (int M, int N, int K) Check(bool transposeA, bool transposeB, IDeviceBuffer a, IDeviceBuffer b, IDeviceBuffer c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (a.Shape.Count != 2 || b.Shape.Count != 2 || c.Shape.Count != 2)
        {
            throw new ArgumentException(
                $"GEMM takes 2-D buffers; got A {Format(a.Shape)}, B {Format(b.Shape)}, C {Format(c.Shape)}. " +
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
                $"GEMM shapes do not agree: op(A) is [{m}, {k}], op(B) is [{kb}, {n}], C is {Format(c.Shape)}; " +
                $"expected op(B) to have {k} rows and C to be [{m}, {n}]. Check the transpose flags.");
        }
        return (m, n, k);
    }

    private static string Format(IReadOnlyList<int> shape) => $"[{string.Join(", ", shape)}]";
}
