using System.Numerics;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// One validated GEMM on pinned memory, as raw addresses so that worker threads can share it
/// (lambdas cannot capture pointers). Sub-problems address a block of C without copying.
/// </summary>
internal readonly unsafe record struct GemmProblem<T>(
    bool TransA, bool TransB, int M, int N, int K, T Alpha,
    nint A, int Lda, nint B, int Ldb, T Beta, nint C, int Ldc)
    where T : unmanaged, INumber<T>
{
    /// <summary>op(A)[i, p].</summary>
    public T* AAt(int i, int p) => (T*)A + (TransA ? ((nint)p * Lda) + i : ((nint)i * Lda) + p);

    /// <summary>op(B)[p, j].</summary>
    public T* BAt(int p, int j) => (T*)B + (TransB ? ((nint)j * Ldb) + p : ((nint)p * Ldb) + j);

    /// <summary>C[i, j].</summary>
    public T* CAt(int i, int j) => (T*)C + ((nint)i * Ldc) + j;

    /// <summary>The rows [i0, i0+rows) of C: the matching rows of op(A), all of op(B).</summary>
    public GemmProblem<T> Rows(int i0, int rows) =>
        this with { M = rows, A = (nint)AAt(i0, 0), C = (nint)CAt(i0, 0) };

    /// <summary>The columns [j0, j0+cols) of C: all of op(A), the matching columns of op(B).</summary>
    public GemmProblem<T> Columns(int j0, int cols) =>
        this with { N = cols, B = (nint)BAt(0, j0), C = (nint)CAt(0, j0) };
}
