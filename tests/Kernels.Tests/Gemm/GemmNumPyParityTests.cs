using System.Globalization;
using Tessera.Kernels.Cpu;
using Tessera.Testing;

namespace Tessera.Kernels.Tests.Gemm;

/// <summary>
/// The same product in NumPy (Debian's python3) and in both CpuGemm paths. Inputs come from an
/// integer formula evaluated identically on both sides, so nothing has to be shipped across.
/// </summary>
public sealed class GemmNumPyParityTests
{
    [Theory]
    [InlineData(nameof(GemmPath.NativeBlas))]
    [InlineData(nameof(GemmPath.Managed))]
    public void Gemm_TransposedDoubleWithAlphaBeta_MatchesNumPy(string path)
    {
        const int m = 37, n = 41, k = 43;
        // A stored k×m (transA), B stored k×n; values in [-1, 1) with exact binary representations.
        double[] a = Values(k * m, 37), b = Values(k * n, 53), c = Values(m * n, 71);
        CpuGemm.Gemm(true, false, m, n, k, 0.5, a, m, b, n, -2.0, c, n, new GemmOptions { Path = Enum.Parse<GemmPath>(path) });

        var output = PythonOracle.Run($$"""
            import numpy as np
            def values(count, step):
                return ((np.arange(count) * step) % 128 - 64) / 64.0
            a = values({{k * m}}, 37).reshape({{k}}, {{m}})
            b = values({{k * n}}, 53).reshape({{k}}, {{n}})
            c = values({{m * n}}, 71).reshape({{m}}, {{n}})
            r = 0.5 * (a.T @ b) - 2.0 * c
            print(" ".join(repr(float(x)) for x in r.ravel()))
            """);
        var expected = output.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(m * n, expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            // Inputs are multiples of 1/64, so every product and partial sum is exact in double:
            // any summation order gives the same bits, hence exact equality.
            Assert.Equal(expected[i], c[i]);
        }
    }

    private static double[] Values(int count, int step) =>
        Enumerable.Range(0, count).Select(i => ((i * (long)step % 128) - 64) / 64.0).ToArray();
}
