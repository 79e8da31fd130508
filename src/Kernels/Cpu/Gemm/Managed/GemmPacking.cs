using System.Numerics;
using System.Runtime.CompilerServices;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded panel layout the
/// micro-kernel streams through. Packing is what makes the transposes free: the kernel
/// only ever sees one layout, and each source element is read once per block.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[i0..i0+mc, p0..p0+kc] as ceil(mc/mr) micro-panels, each kc steps of mr values;
    /// rows past mc are zero.
    /// </summary>
    // Fully optimised from the first call: tier-0 code here would dominate small GEMMs.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(in GemmProblem<T> g, int i0, int mc, int p0, int kc, int mr, T* dst)
        where T : unmanaged, INumber<T>
    {
        for (int s = 0; s < mc; s += mr, dst += (nint)mr * kc)
        {
            int rows = Math.Min(mr, mc - s);
            if (g.TransA)
            {
                // op(A) rows are contiguous in memory for a fixed p: copy runs of mr.
                for (int p = 0; p < kc; p++)
                {
                    T* src = g.AAt(i0 + s, p0 + p);
                    T* d = dst + ((nint)p * mr);
                    int r = 0;
                    for (; r < rows; r++)
                    {
                        d[r] = src[r];
                    }
                    for (; r < mr; r++)
                    {
                        d[r] = T.Zero;
                    }
                }
                continue;
            }
            // Row-major A: walk each source row sequentially (one stream per row) and scatter
            // into the panel, which is small enough to stay in L1.
            for (int r = 0; r < rows; r++)
            {
                T* src = g.AAt(i0 + s + r, p0);
                T* d = dst + r;
                for (int p = 0; p < kc; p++)
                {
                    d[(nint)p * mr] = src[p];
                }
            }
            for (int r = rows; r < mr; r++)
            {
                for (int p = 0; p < kc; p++)
                {
                    dst[((nint)p * mr) + r] = T.Zero;
                }
            }
        }
    }

    /// <summary>
    /// Packs op(B)[p0..p0+kc, j0..j0+nc] as ceil(nc/nr) micro-panels, each kc steps of nr values;
    /// columns past nc are zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(in GemmProblem<T> g, int p0, int kc, int j0, int nc, int nr, T* dst)
        where T : unmanaged, INumber<T>
    {
        for (int s = 0; s < nc; s += nr, dst += (nint)nr * kc)
        {
            int cols = Math.Min(nr, nc - s);
            if (!g.TransB)
            {
                // Row-major B: each k step is a contiguous run of nr values.
                for (int p = 0; p < kc; p++)
                {
                    var src = new ReadOnlySpan<T>(g.BAt(p0 + p, j0 + s), cols);
                    var d = new Span<T>(dst + ((nint)p * nr), nr);
                    src.CopyTo(d);
                    d[cols..].Clear();
                }
                continue;
            }
            for (int j = 0; j < cols; j++)
            {
                T* src = g.BAt(p0, j0 + s + j);
                T* d = dst + j;
                for (int p = 0; p < kc; p++)
                {
                    d[(nint)p * nr] = src[p];
                }
            }
            for (int j = cols; j < nr; j++)
            {
                for (int p = 0; p < kc; p++)
                {
                    dst[((nint)p * nr) + j] = T.Zero;
                }
            }
        }
    }
}
