using System.Numerics;
using Tessera.Kernels.Backends;
using Tessera.Kernels.Tests.Support;

namespace Tessera.Kernels.Tests.Gemm;

/// <summary>GEMM through the backend interface: every transpose pair, odd sizes, alpha/beta and the BLAS NaN rules.</summary>
public abstract class BackendGemmTests
{
    // Single elements, sizes below, at and above the 16-wide OpenCL tile, and partial tiles everywhere.
    private static readonly (int M, int N, int K)[] DefaultSizes = [(1, 1, 1), (7, 5, 3), (16, 16, 16), (17, 33, 15), (31, 1, 33), (65, 47, 129)];

    internal abstract IComputeBackend Backend { get; }

    /// <summary>The (m, n, k) problems each theory runs; slow emulated devices may use smaller ones.</summary>
    protected virtual IReadOnlyList<(int M, int N, int K)> Sizes => DefaultSizes;

    public static TheoryData<bool, bool> Transposes() => new() { { false, false }, { true, false }, { false, true }, { true, true } };

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Gemm_Float_EverySize_MatchesNaiveLoop(bool transposeA, bool transposeB)
    {
        foreach (var (m, n, k) in Sizes)
        {
            Check<float>(transposeA, transposeB, m, n, k, 1.0, 0.0);
        }
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void Gemm_Double_EverySizeWithAlphaBeta_MatchesNaiveLoop(bool transposeA, bool transposeB)
    {
        foreach (var (m, n, k) in Sizes)
        {
            Check<double>(transposeA, transposeB, m, n, k, -0.5, 0.25);
        }
    }

    [Fact]
    public void Gemm_BetaZero_IgnoresNaNInC_AndAlphaZero_IgnoresNaNInA()
    {
        var a = Buffers.Upload(Backend, Enumerable.Repeat(double.NaN, 6).ToArray(), 2, 3);
        var b = Buffers.Upload(Backend, new double[] { 1, 2, 3, 4, 5, 6 }, 3, 2);
        var c = Buffers.Upload(Backend, new double[] { 1, 2, 3, 4 }, 2, 2);
        Backend.Gemm(false, false, 0.0, a, b, 2.0, c);
        Assert.Equal([2.0, 4, 6, 8], Buffers.Download(Backend, c).Select(s => s.ToDouble()));

        var ones = Buffers.Upload(Backend, new float[] { 1, 1, 1, 1, 1, 1 }, 2, 3);
        var onesB = Buffers.Upload(Backend, new float[] { 1, 1, 1, 1, 1, 1 }, 3, 2);
        var nanC = Buffers.Upload(Backend, Enumerable.Repeat(float.NaN, 4).ToArray(), 2, 2);
        Backend.Gemm(false, false, 1.0, ones, onesB, 0.0, nanC);
        Assert.All(Buffers.Download(Backend, nanC), s => Assert.Equal(3.0, s.ToDouble()));
    }

    private void Check<T>(bool transposeA, bool transposeB, int m, int n, int k, double alpha, double beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = GemmReference.Random<T>(m * k, seed: m + (3 * k));
        var b = GemmReference.Random<T>(k * n, seed: n + (5 * k));
        var c = GemmReference.Random<T>(m * n, seed: m + n);
        var (al, be) = (T.CreateTruncating(alpha), T.CreateTruncating(beta));
        var (expected, tolerance) = GemmReference.Compute(transposeA, transposeB, m, n, k, al, a, transposeA ? m : k, b, transposeB ? k : n, be, c, n);
        var ba = Buffers.Upload(Backend, a, transposeA ? [k, m] : [m, k]);
        var bb = Buffers.Upload(Backend, b, transposeB ? [n, k] : [k, n]);
        var bc = Buffers.Upload(Backend, c, m, n);
        Backend.Gemm(transposeA, transposeB, alpha, ba, bb, beta, bc);
        var actual = Buffers.Download(Backend, bc).Select(s => T.CreateTruncating(s.ToDouble())).ToArray();
        GemmReference.AssertClose(expected, tolerance, actual, m, n, n);
    }
}
