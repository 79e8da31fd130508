using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// The blocked loop nest around <see cref="MicroKernel{T, TVec, TOps}"/> for one thread:
/// columns of C in nc blocks, k in kc blocks (pack B), rows in mc blocks (pack A), then
/// nr×mr tiles.
/// </summary>
internal static unsafe class GemmDriver<T, TVec, TOps>
    where T : unmanaged, INumber<T>
    where TVec : struct
    where TOps : ISimd<T, TVec>
{
    /// <summary>Rows of the micro-tile.</summary>
    public static int MR => MicroKernel<T, TVec, TOps>.MR;

    /// <summary>Columns of the micro-tile.</summary>
    public static int NR => MicroKernel<T, TVec, TOps>.NR;

    /// <summary>Computes <paramref name="g"/> on the calling thread; m, n, k all positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem<T> g)
    {
        int mr = MR, nr = NR;
        var blk = GemmBlocking.For(sizeof(T));
        // A local, so the kernel's by-reference alpha points at this frame, not into g.
        T alpha = g.Alpha;
        int mcMax = Math.Min(blk.Mc, RoundUp(g.M, mr));
        int kcMax = Math.Min(blk.Kc, g.K);
        int ncMax = Math.Min(blk.Nc, RoundUp(g.N, nr));
        long aElems = (long)mcMax * kcMax, bElems = (long)kcMax * ncMax;
        T* bufA = (T*)PackBuffer.Rent((aElems + bElems) * sizeof(T));
        T* bufB = bufA + aElems;

        for (int jc = 0; jc < g.N; jc += ncMax)
        {
            int nc = Math.Min(ncMax, g.N - jc);
            for (int pc = 0; pc < g.K; pc += kcMax)
            {
                int kc = Math.Min(kcMax, g.K - pc);
                GemmPacking.PackB(g, pc, kc, jc, nc, nr, bufB);
                // Later k blocks accumulate onto what the first one wrote.
                T beta = pc == 0 ? g.Beta : T.One;
                for (int ic = 0; ic < g.M; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, g.M - ic);
                    GemmPacking.PackA(g, ic, mc, pc, kc, mr, bufA);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        T* bp = bufB + ((nint)jr * kc);
                        int cols = Math.Min(nr, nc - jr);
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            MicroKernel<T, TVec, TOps>.Run(
                                kc, bufA + ((nint)ir * kc), bp, g.CAt(ic + ir, jc + jr), g.Ldc,
                                alpha, beta, Math.Min(mr, mc - ir), cols);
                        }
                    }
                }
            }
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
