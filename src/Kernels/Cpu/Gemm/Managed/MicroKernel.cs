using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// The register-blocked inner kernel: a 6×(2 vectors) tile of C held in 12 vector registers
/// while the packed panels of A and B stream past.
/// </summary>
/// <remarks>
/// Per step of k it loads one row of the B micro-panel (two vectors), broadcasts 6 values of
/// the A micro-panel and issues 12 independent FMAs: enough independent chains to cover FMA
/// latency on two pipes, and few enough registers (12 accumulators + 2 B + 1 broadcast) to fit
/// the 16 of AVX2 and SSE, so the same shape serves every vector width. That budget leaves one
/// register spare (SSE without FMA needs it for the product), so nothing else may stay live
/// across the k loop: alpha and beta are therefore taken by reference and read only after it.
/// Passed by value they sat in two vector registers for the whole call, and with 16 registers
/// the JIT spilled one accumulator to the stack in every k step (a store and reload inside an
/// FMA chain), which halved the speed at AVX2 (0.43x NumPy). Taken by reference, the k loop is
/// spill-free for float and double at AVX2 and at 128 bits with and without VEX encoding; check
/// with <c>DOTNET_JitDisasm='*MicroKernel*:Run'</c> under <c>DOTNET_EnableAVX512=0</c>,
/// <c>DOTNET_EnableAVX2=0</c> and <c>DOTNET_EnableAVX=0</c> after changing this method. A 4-row
/// tile fits with room to spare but measured slower (AVX2, float, panels in L1: 86–93 against
/// 99–106 GFLOP/s): 8 accumulators barely cover a 4-cycle FMA on two pipes.
/// Panels are zero-padded to full tiles, so the loop never branches; partial tiles of C are
/// resolved only when storing.
/// </remarks>
internal static unsafe class MicroKernel<T, TVec, TOps>
    where T : unmanaged, INumber<T>
    where TVec : struct
    where TOps : ISimd<T, TVec>
{
    /// <summary>Rows of the C tile.</summary>
    public const int MR = 6;

    /// <summary>Columns of the C tile: two vectors.</summary>
    public static int NR => 2 * TOps.Count;

    /// <summary>
    /// C[rows×cols] = alpha·(A panel · B panel) + beta·C, reading C only when beta is non-zero.
    /// <paramref name="a"/> is kc×MR packed (MR values per k step), <paramref name="b"/> kc×NR.
    /// </summary>
    /// <remarks>
    /// <paramref name="alpha"/> and <paramref name="beta"/> are by reference so that they are loaded
    /// after the k loop rather than held in registers through it (see the type's remarks).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, T* b, T* c, nint ldc, in T alpha, in T beta, int rows, int cols)
    {
        int w = TOps.Count;
        GemmPrefetch.Tile(c, ldc, rows, cols);
        TVec c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero, c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero;
        for (int p = 0; p < kc; p++)
        {
            TVec b0 = TOps.Load(b);
            TVec b1 = TOps.Load(b + w);
            TVec a0;
            a0 = TOps.Broadcast(a[0]);
            c00 = TOps.MultiplyAdd(a0, b0, c00);
            c01 = TOps.MultiplyAdd(a0, b1, c01);
            a0 = TOps.Broadcast(a[1]);
            c10 = TOps.MultiplyAdd(a0, b0, c10);
            c11 = TOps.MultiplyAdd(a0, b1, c11);
            a0 = TOps.Broadcast(a[2]);
            c20 = TOps.MultiplyAdd(a0, b0, c20);
            c21 = TOps.MultiplyAdd(a0, b1, c21);
            a0 = TOps.Broadcast(a[3]);
            c30 = TOps.MultiplyAdd(a0, b0, c30);
            c31 = TOps.MultiplyAdd(a0, b1, c31);
            a0 = TOps.Broadcast(a[4]);
            c40 = TOps.MultiplyAdd(a0, b0, c40);
            c41 = TOps.MultiplyAdd(a0, b1, c41);
            a0 = TOps.Broadcast(a[5]);
            c50 = TOps.MultiplyAdd(a0, b0, c50);
            c51 = TOps.MultiplyAdd(a0, b1, c51);
            a += MR;
            b += 2 * w;
        }

        TVec va = TOps.Broadcast(alpha);
        TVec vb = TOps.Broadcast(beta);
        if (rows == MR && cols == 2 * w)
        {
            UpdateRow(c + (0 * ldc), c00, c01, va, vb, beta);
            UpdateRow(c + (1 * ldc), c10, c11, va, vb, beta);
            UpdateRow(c + (2 * ldc), c20, c21, va, vb, beta);
            UpdateRow(c + (3 * ldc), c30, c31, va, vb, beta);
            UpdateRow(c + (4 * ldc), c40, c41, va, vb, beta);
            UpdateRow(c + (5 * ldc), c50, c51, va, vb, beta);
            return;
        }

        // Edge tile: spill the accumulators and update only the valid part of C.
        int nr = 2 * w;
        T* t = stackalloc T[MR * nr];
        TOps.Store(t + (0 * nr), c00);
        TOps.Store(t + (0 * nr) + w, c01);
        TOps.Store(t + (1 * nr), c10);
        TOps.Store(t + (1 * nr) + w, c11);
        TOps.Store(t + (2 * nr), c20);
        TOps.Store(t + (2 * nr) + w, c21);
        TOps.Store(t + (3 * nr), c30);
        TOps.Store(t + (3 * nr) + w, c31);
        TOps.Store(t + (4 * nr), c40);
        TOps.Store(t + (4 * nr) + w, c41);
        TOps.Store(t + (5 * nr), c50);
        TOps.Store(t + (5 * nr) + w, c51);
        for (int r = 0; r < rows; r++)
        {
            T* cr = c + (r * ldc);
            for (int j = 0; j < cols; j++)
            {
                T v = alpha * t[(r * nr) + j];
                cr[j] = T.IsZero(beta) ? v : v + (beta * cr[j]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateRow(T* c, TVec x0, TVec x1, TVec alpha, TVec betaV, T beta)
    {
        int w = TOps.Count;
        x0 = TOps.Multiply(x0, alpha);
        x1 = TOps.Multiply(x1, alpha);
        // beta = 0 must not read C: NaN or garbage there may not leak into the result.
        if (!T.IsZero(beta))
        {
            x0 = TOps.MultiplyAdd(TOps.Load(c), betaV, x0);
            x1 = TOps.MultiplyAdd(TOps.Load(c + w), betaV, x1);
        }
        TOps.Store(c, x0);
        TOps.Store(c + w, x1);
    }
}
