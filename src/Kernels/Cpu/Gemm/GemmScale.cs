using System.Numerics;

namespace Tessera.Kernels.Cpu;

/// <summary>C = beta·C, the whole GEMM when k = 0 or alpha = 0 (A and B are then not read, as in BLAS).</summary>
internal static class GemmScale
{
    /// <summary>Scales the m×n block of <paramref name="c"/>; beta = 0 writes zeros without reading C.</summary>
    public static void Apply<T>(int m, int n, T beta, Span<T> c, int ldc)
        where T : unmanaged, INumber<T>
    {
        if (beta == T.One)
        {
            return;
        }
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (T.IsZero(beta))
            {
                row.Clear();
                continue;
            }
            for (int j = 0; j < row.Length; j++)
            {
                row[j] *= beta;
            }
        }
    }
}
