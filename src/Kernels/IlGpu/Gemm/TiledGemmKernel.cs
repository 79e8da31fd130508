using System.Numerics;
using ILGPU;

namespace Tessera.Kernels.IlGpu.Gemm;

/// <summary>
/// The portable GEMM: one group computes one square tile of C, one thread per element, staging
/// a tile of op(A) and of op(B) in shared memory per step along k so each global element is read
/// once per tile instead of once per product. The tile edge is the group's <c>Group.DimX</c>
/// (chosen by <see cref="TiledGemm{T}"/> from the accelerator's group limit), so one kernel serves
/// the CPU emulator's 4×4 groups and a GPU's 16×16.
/// </summary>
internal static class TiledGemmKernel
{
    /// <summary>
    /// <c>C = alpha·op(A)·op(B) + beta·C</c> for the tile at (<c>Grid.IdxY</c>, <c>Grid.IdxX</c>).
    /// Dynamic shared memory holds the two tiles (2·edge² elements).
    /// </summary>
    public static void Run<T>(ArrayView<T> a, ArrayView<T> b, ArrayView<T> c, GemmProblem p, T alpha, T beta)
        where T : unmanaged, INumber<T>
    {
        var edge = Group.DimX;
        var (tx, ty) = (Group.IdxX, Group.IdxY);
        var row = (Grid.IdxY * edge) + ty;
        var col = (Grid.IdxX * edge) + tx;
        var shared = SharedMemory.GetDynamic<T>();
        var tileA = shared.SubView(0, edge * edge);
        var tileB = shared.SubView(edge * edge, edge * edge);
        var sum = T.Zero;
        for (var k0 = 0; k0 < p.K; k0 += edge)
        {
            // Out-of-range elements load as zero, so partial tiles need no special inner loop:
            // a padded product is 0·0 (both k out of range) or lands in a row/column never stored.
            var ka = k0 + tx;
            tileA[(ty * edge) + tx] = row < p.M && ka < p.K
                ? a[p.TransposeA != 0 ? ((long)ka * p.Lda) + row : ((long)row * p.Lda) + ka]
                : T.Zero;
            var kb = k0 + ty;
            tileB[(ty * edge) + tx] = kb < p.K && col < p.N
                ? b[p.TransposeB != 0 ? ((long)col * p.Ldb) + kb : ((long)kb * p.Ldb) + col]
                : T.Zero;
            Group.Barrier();
            for (var kk = 0; kk < edge; kk++)
            {
                sum += tileA[(ty * edge) + kk] * tileB[(kk * edge) + tx];
            }
            Group.Barrier();
        }
        if (row < p.M && col < p.N)
        {
            var i = ((long)row * p.N) + col;
            c[i] = p.BetaIsZero != 0 ? alpha * sum : (alpha * sum) + (beta * c[i]);
        }
    }

    /// <summary>
    /// <c>C = beta·C</c>, the whole GEMM when alpha is 0 or k is 0 (BLAS then reads neither A nor B,
    /// so NaN there does not spread); beta 0 writes zeros without reading C.
    /// </summary>
    public static void Scale<T>(Index1D i, ArrayView<T> c, T beta, int betaIsZero)
        where T : unmanaged, INumber<T> =>
        c[i] = betaIsZero != 0 ? T.Zero : beta * c[i];
}
