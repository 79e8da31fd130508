using Tessera.Kernels.Cpu;

namespace Tessera.Kernels.Tests.Gemm;

/// <summary>Degenerate shapes and the BLAS rules for alpha = 0, beta = 0 and k = 0, on both public paths.</summary>
public sealed class GemmEdgeCaseTests
{
    /// <summary>The two public paths, by <see cref="GemmPath"/> name.</summary>
    public static TheoryData<string> Paths => [nameof(GemmPath.NativeBlas), nameof(GemmPath.Managed)];

    [Theory]
    [MemberData(nameof(Paths))]
    public void Gemm_BetaZero_DoesNotPropagateNaNFromC(string path)
    {
        foreach (var (m, n, k) in new[] { (7, 9, 5), (33, 65, 17) })
        {
            var a = GemmReference.Random<double>(m * k, 1);
            var b = GemmReference.Random<double>(k * n, 2);
            var c = Enumerable.Repeat(double.NaN, m * n).ToArray();
            CpuGemm.Gemm(false, false, m, n, k, 1.0, a, k, b, n, 0.0, c, n, Options(path));
            Assert.All(c, x => Assert.False(double.IsNaN(x)));

            var cf = Enumerable.Repeat(float.NaN, m * n).ToArray();
            CpuGemm.Gemm(true, true, m, n, k, 1f, new float[k * m], m, new float[n * k], k, 0f, cf, n, Options(path));
            Assert.All(cf, x => Assert.Equal(0f, x));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Gemm_KZero_ScalesCByBeta(string path)
    {
        var c = new[] { 1.0, 2, 3, 4, 5, 6 };
        CpuGemm.Gemm(false, false, 2, 3, 0, 1.0, [], 1, [], 3, 0.5, c, 3, Options(path));
        Assert.Equal([0.5, 1, 1.5, 2, 2.5, 3], c);

        var nan = new[] { float.NaN, float.NaN };
        CpuGemm.Gemm(false, false, 1, 2, 0, 1f, [], 1, [], 2, 0f, nan, 2, Options(path));
        Assert.Equal([0f, 0f], nan);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Gemm_AlphaZero_IgnoresAAndB(string path)
    {
        // BLAS semantics: with alpha = 0 the product is not formed, so NaN in A or B cannot leak.
        var a = Enumerable.Repeat(double.NaN, 6).ToArray();
        var c = new[] { 1.0, 2, 3, 4 };
        CpuGemm.Gemm(false, false, 2, 2, 3, 0.0, a, 3, a, 2, 2.0, c, 2, Options(path));
        Assert.Equal([2.0, 4, 6, 8], c);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Gemm_MOrNZero_LeavesEverythingUntouched(string path)
    {
        var c = new[] { 7f, 7f };
        CpuGemm.Gemm(false, false, 0, 2, 3, 1f, [], 3, new float[6], 2, 0f, [], 2, Options(path));
        CpuGemm.Gemm(false, false, 2, 0, 3, 1f, new float[6], 3, [], 1, 0f, c, 1, Options(path));
        Assert.Equal([7f, 7f], c);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Gemm_ConcurrentCallersWithMixedThreadCounts_AllGetCorrectResults(string path)
    {
        // Scheduler workers call Gemm concurrently; OpenBLAS's thread count is process-wide, so
        // this exercises BlasThreadGate switching between 1 and 2 under contention.
        const int n = 96;
        var a = GemmReference.Random<double>(n * n, 5);
        var b = GemmReference.Random<double>(n * n, 6);
        var want = new double[n * n];
        CpuGemm.Gemm(false, false, n, n, n, 1.0, a, n, b, n, 0.0, want, n, Options(path));
        var (expected, tolerance) = GemmReference.Compute(false, false, n, n, n, 1.0, a, n, b, n, 0.0, want, n);
        GemmReference.AssertClose(expected, tolerance, want, n, n, n);

        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var c = new double[n * n];
            for (int r = 0; r < 5; r++)
            {
                CpuGemm.Gemm(false, false, n, n, n, 1.0, a, n, b, n, 0.0, c, n, Options(path, threads: 1 + (i % 2)));
                GemmReference.AssertClose(expected, tolerance, c, n, n, n);
            }
        });
    }

    private static GemmOptions Options(string path, int threads = 1) =>
        new() { Path = Enum.Parse<GemmPath>(path), Threads = threads };
}
