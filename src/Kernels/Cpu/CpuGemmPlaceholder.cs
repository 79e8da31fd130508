using System.Numerics;

namespace Tessera.Kernels.Cpu;

// TEMPORARY, on branch `kernels` only: a naive stand-in with the exact signature of the GEMM
// engineer's CpuGemm (src/Kernels/Cpu/Gemm/), so the backend's GEMM wiring builds and is tested.
// Delete this file when the GEMM branch merges.
internal static class CpuGemm
{
    /// <summary>Row-major <c>C = alpha * op(A) * op(B) + beta * C</c>, naively.</summary>
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, INumber<T>
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var s = T.Zero;
                for (var p = 0; p < k; p++)
                {
                    var x = transA ? a[(p * lda) + i] : a[(i * lda) + p];
                    var y = transB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    s += x * y;
                }
                // beta == 0 must ignore C entirely (it may hold NaN), as BLAS does.
                c[(i * ldc) + j] = beta == T.Zero ? alpha * s : (alpha * s) + (beta * c[(i * ldc) + j]);
            }
        }
    }
}
