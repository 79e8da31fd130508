using System.Numerics;

namespace Tessera.Kernels.Tests.Gemm;

/// <summary>
/// Every remainder of the managed kernel's micro-tile and cache blocks, on each vector width the
/// tests can force (the CPU's widest, Vector256, Vector128).
/// </summary>
/// <remarks>
/// The tile is MR = 6 rows by two vectors, so NR is 4 (double, 128-bit) up to 32 (float,
/// 512-bit); the sweeps below cross every one of those boundaries, so a tile shape chosen per width
/// or per register file cannot leave a remainder untested. Run the suite again under
/// <c>DOTNET_EnableAVX512=0</c> and <c>DOTNET_EnableAVX2=0</c> to cover the code the JIT emits
/// for 16-register CPUs.
/// </remarks>
public sealed class GemmTileEdgeTests
{
    /// <summary>The managed backends of <see cref="GemmBackend"/>.</summary>
    public static TheoryData<string> Managed => ["managed", "managed-vector256", "managed-vector128"];

    // 1..2·MR+1 rows: every row remainder of a 6-row (and of a 4-row) tile, and two full tiles.
    private static readonly int[] s_rows = [.. Enumerable.Range(1, 13)];

    // One below, at and above each NR in use (4, 8, 16, 32), and twice the largest plus one.
    private static readonly int[] s_cols = [1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 65];

    [Theory]
    [MemberData(nameof(Managed))]
    public void Gemm_EveryTileRemainder_MatchesNaiveLoop(string backend)
    {
        foreach (int m in s_rows)
        {
            foreach (int n in s_cols)
            {
                foreach (int k in new[] { 1, 3 })
                {
                    Check(backend, false, false, m, n, k, 1.5f, 0f);
                    Check(backend, true, true, m, n, k, 1d, -0.5d);
                }
            }
        }
    }

    // Block edges: mc = 144 (± a partial tile), kc = 384 for float and 256 for double (± 1, so a
    // second k block accumulates onto the first with beta = 1), with partial tiles in n as well.
    [Theory]
    [MemberData(nameof(Managed))]
    public void Gemm_CacheBlockEdges_MatchNaiveLoop(string backend)
    {
        foreach (int m in new[] { 143, 145, 151 })
        {
            Check(backend, false, false, m, 37, 385, 1f, 0.5f);
            Check(backend, false, true, m, 21, 257, 2d, 0.5d);
            Check(backend, true, false, m, 9, 383, 1f, 0f);
        }
    }

    private static void Check<T>(string backend, bool transA, bool transB, int m, int n, int k, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lda = transA ? m : k, ldb = transB ? k : n;
        var a = GemmReference.Random<T>(m * k, seed: m + (7 * k));
        var b = GemmReference.Random<T>(k * n, seed: n + (11 * k));
        var c = GemmReference.Random<T>(m * n, seed: m + n);
        var (expected, tolerance) = GemmReference.Compute(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, n);

        GemmBackend.Get(backend).Run(new GemmBackend.Call<T>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, n, Threads: 1));

        GemmReference.AssertClose(expected, tolerance, c, m, n, n);
    }
}
