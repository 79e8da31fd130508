using System.Numerics;
using System.Runtime.Intrinsics;

namespace Tessera.Kernels.Cpu;

/// <summary>
/// The managed GEMM: picks the widest accelerated vector type and splits the work across
/// threads when asked to.
/// </summary>
internal static class ManagedGemm
{
    /// <summary>Multiply-adds a thread must get before a call is split: 128³, about 15 µs of work.</summary>
    private const long MinWorkPerThread = 128L * 128 * 128;

    /// <summary>Name of the vector path in use, for benchmark reports.</summary>
    public static string VectorPath =>
        $"Vector{SimdWidth.Bits}";

    /// <summary>Computes <paramref name="g"/> (m, n, k positive) on up to <paramref name="threads"/> threads.</summary>
    public static void Run<T>(in GemmProblem<T> g, int threads)
        where T : unmanaged, INumber<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Run<T, Vector512<T>, Simd512<T>>(g, threads);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Run<T, Vector256<T>, Simd256<T>>(g, threads);
        }
        else
        {
            Run<T, Vector128<T>, Simd128<T>>(g, threads);
        }
    }

    /// <summary>Runs on a chosen vector type; tests use it to cover paths this CPU would not pick.</summary>
    internal static void Run<T, TVec, TOps>(GemmProblem<T> g, int threads)
        where T : unmanaged, INumber<T>
        where TVec : struct
        where TOps : ISimd<T, TVec>
    {
        int mr = GemmDriver<T, TVec, TOps>.MR, nr = GemmDriver<T, TVec, TOps>.NR;
        // Split along the dimension with more micro-tiles, in whole tiles, so every part keeps
        // full-width kernels. Each part packs its own panels: duplicated packing costs O(k·(m+n))
        // against O(m·n·k/threads) arithmetic, and no thread ever waits on another's packing.
        bool byColumns = (g.N + nr - 1) / nr >= (g.M + mr - 1) / mr;
        int tiles = byColumns ? (g.N + nr - 1) / nr : (g.M + mr - 1) / mr;
        // Below ~MinWorkPerThread multiply-adds per part, waking a pool thread costs more than it saves.
        long work = (long)g.M * g.N * g.K;
        int parts = (int)Math.Clamp(Math.Min(threads, work / MinWorkPerThread), 1, tiles);
        if (parts == 1)
        {
            GemmDriver<T, TVec, TOps>.Run(g);
            return;
        }
        int unit = byColumns ? nr : mr, extent = byColumns ? g.N : g.M;
        GemmParallel.For(parts, part =>
        {
            int start = (int)((long)tiles * part / parts) * unit;
            int end = Math.Min(extent, (int)((long)tiles * (part + 1) / parts) * unit);
            var sub = byColumns ? g.Columns(start, end - start) : g.Rows(start, end - start);
            GemmDriver<T, TVec, TOps>.Run(sub);
        });
    }
}
