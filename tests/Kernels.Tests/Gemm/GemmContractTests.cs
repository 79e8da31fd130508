using System.Numerics;

namespace Tessera.Kernels.Tests.Gemm;

/// <summary>
/// The GEMM contract, run against every backend (OpenBLAS, managed on this CPU's widest vectors,
/// managed on Vector256 and on Vector&lt;T&gt;) and compared with <see cref="GemmReference"/>.
/// </summary>
public sealed class GemmContractTests
{
    private static readonly string[] s_backends = ["openblas", "managed", "managed-vector256", "managed-vector128"];

    // Sizes hit single elements, vector tails (7, 31, 33, 65), micro-tile remainders in both
    // directions and, at 127×129×131, partial tiles everywhere at once.
    private static readonly (int M, int N, int K)[] s_shapes =
        [(1, 1, 1), (7, 7, 7), (1, 33, 7), (31, 1, 33), (31, 33, 65), (65, 31, 1), (127, 129, 131)];

    /// <summary>Every backend × transpose pair × shape.</summary>
    public static TheoryData<string, bool, bool, int, int, int> Shapes()
    {
        var data = new TheoryData<string, bool, bool, int, int, int>();
        foreach (var backend in s_backends)
        {
            foreach (var (m, n, k) in s_shapes)
            {
                foreach (bool ta in new[] { false, true })
                {
                    foreach (bool tb in new[] { false, true })
                    {
                        data.Add(backend, ta, tb, m, n, k);
                    }
                }
            }
        }
        return data;
    }

    /// <summary>Every backend.</summary>
    public static TheoryData<string> Backends() => new(s_backends);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gemm_Float_MatchesNaiveLoop(string backend, bool transA, bool transB, int m, int n, int k) =>
        Check<float>(backend, transA, transB, m, n, k, alpha: 1f, beta: 0f, pad: 0, threads: 1);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gemm_Double_MatchesNaiveLoop(string backend, bool transA, bool transB, int m, int n, int k) =>
        Check<double>(backend, transA, transB, m, n, k, alpha: 1d, beta: 0d, pad: 0, threads: 1);

    [Theory]
    [MemberData(nameof(Backends))]
    public void Gemm_AlphaBetaVariants_MatchNaiveLoop(string backend)
    {
        foreach (var (alpha, beta) in new[] { (1.0, 1.0), (-0.5, 0.25), (2.0, -1.0), (0.75, 0.0) })
        {
            foreach (bool ta in new[] { false, true })
            {
                Check(backend, ta, !ta, 33, 65, 31, (float)alpha, (float)beta, pad: 0, threads: 1);
                Check(backend, !ta, ta, 33, 65, 31, alpha, beta, pad: 0, threads: 1);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Gemm_LeadingDimensionsWiderThanRows_MatchAndLeavePaddingUntouched(string backend)
    {
        foreach (bool ta in new[] { false, true })
        {
            foreach (bool tb in new[] { false, true })
            {
                Check(backend, ta, tb, 29, 37, 43, 1.5f, 0.5f, pad: 5, threads: 1);
                Check(backend, ta, tb, 29, 37, 43, 1.5d, 0.5d, pad: 3, threads: 1);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Gemm_KLargerThanOneCacheBlock_AccumulatesAllBlocks(string backend)
    {
        // k = 600 crosses the managed kernel's kc (384 float, 256 double); beta must apply only once.
        Check(backend, false, true, 21, 19, 600, 1f, 0.5f, pad: 0, threads: 1);
        Check(backend, true, false, 21, 19, 600, 1d, 0.5d, pad: 0, threads: 1);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Gemm_WideAndTallOutputs_CoverOuterBlockLoops(string backend)
    {
        // n = 4200 exceeds the float nc = 4096; m = 300 exceeds mc; both with partial tails.
        Check(backend, false, false, 3, 4200, 5, 1f, 0f, pad: 0, threads: 1);
        Check(backend, true, true, 300, 9, 7, 1d, 0d, pad: 0, threads: 1);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Gemm_TwoThreads_MatchesNaiveLoop(string backend)
    {
        Check(backend, false, false, 127, 129, 131, 1f, 0.5f, pad: 2, threads: 2);
        Check(backend, true, true, 131, 67, 129, 1d, 0.5d, pad: 0, threads: 2);
        // A single row still works when there is less work than threads.
        Check(backend, false, true, 1, 5, 9, 1d, 0d, pad: 0, threads: 2);
    }

    private static void Check<T>(
        string backend, bool transA, bool transB, int m, int n, int k, T alpha, T beta, int pad, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lda = (transA ? m : k) + pad, ldb = (transB ? k : n) + pad, ldc = n + pad;
        var a = GemmReference.Random<T>(Math.Max(1, ((transA ? k : m) * lda) - pad), seed: 1 + m);
        var b = GemmReference.Random<T>(Math.Max(1, ((transB ? n : k) * ldb) - pad), seed: 2 + n);
        var c = GemmReference.Random<T>((m * ldc) - pad, seed: 3 + k);
        // Mark the padding so a write outside the m×n block is caught.
        for (int i = 0; i < m; i++)
        {
            for (int j = n; j < ldc && (i * ldc) + j < c.Length; j++)
            {
                c[(i * ldc) + j] = T.CreateTruncating(12345);
            }
        }
        var (expected, tolerance) = GemmReference.Compute(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

        GemmBackend.Get(backend).Run(new GemmBackend.Call<T>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads));

        GemmReference.AssertClose(expected, tolerance, c, m, n, ldc);
        for (int i = 0; i < m; i++)
        {
            for (int j = n; j < ldc && (i * ldc) + j < c.Length; j++)
            {
                Assert.Equal(T.CreateTruncating(12345), c[(i * ldc) + j]);
            }
        }
    }
}
