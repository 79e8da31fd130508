using System.Numerics;

namespace Tessera.Kernels.Tests.Gemm;

/// <summary>
/// The oracle: a naive triple loop accumulating in double, plus the error bound each result is
/// held to.
/// </summary>
/// <remarks>
/// Tolerance: a k-term dot product in precision u (unit roundoff, eps/2) has forward error at most
/// about k·u·Σ|a||b| (Higham, "Accuracy and Stability of Numerical Algorithms", §3.1). We allow
/// eps·(k + 4)·(|alpha|·Σ_p |a_ip||b_pj| + |beta|·|c_ij|) per element: the +4 covers the alpha and
/// beta scalings and the final rounding, and scaling by the magnitude sum (not the result) keeps
/// cancellation from making the check flaky. It is loose enough for any summation order (blocked,
/// FMA or not) and tight enough that a wrong index or a dropped k block fails by orders of magnitude.
/// </remarks>
internal static class GemmReference
{
    /// <summary>Expected C and per-element tolerance for the given problem; <paramref name="c"/> is the C before the call.</summary>
    public static (double[] Expected, double[] Tolerance) Compute<T>(
        bool transA, bool transB, int m, int n, int k, T alpha, T[] a, int lda, T[] b, int ldb, T beta, T[] c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var expected = new double[m * n];
        var tolerance = new double[m * n];
        double eps = double.CreateTruncating(EpsilonOf<T>());
        double al = double.CreateTruncating(alpha), be = double.CreateTruncating(beta);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = double.CreateTruncating(transA ? a[(p * lda) + i] : a[(i * lda) + p]);
                    double y = double.CreateTruncating(transB ? b[(j * ldb) + p] : b[(p * ldb) + j]);
                    sum += x * y;
                    magnitude += Math.Abs(x * y);
                }
                double old = be == 0 ? 0 : double.CreateTruncating(c[(i * ldc) + j]);
                expected[(i * n) + j] = (al * sum) + (be * old);
                tolerance[(i * n) + j] = eps * (k + 4) * ((Math.Abs(al) * magnitude) + Math.Abs(be * old));
            }
        }
        return (expected, tolerance);
    }

    /// <summary>Machine epsilon (distance from 1 to the next value) of T.</summary>
    public static T EpsilonOf<T>()
        where T : IFloatingPointIeee754<T> => T.BitIncrement(T.One) - T.One;

    /// <summary>Seeded values in [-1, 1).</summary>
    public static T[] Random<T>(int length, int seed)
        where T : INumber<T>
    {
        var rng = new Random(seed);
        var values = new T[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = T.CreateTruncating((rng.NextDouble() * 2) - 1);
        }
        return values;
    }

    /// <summary>Asserts the m×n block of <paramref name="c"/> matches, naming the first bad element.</summary>
    public static void AssertClose<T>(double[] expected, double[] tolerance, T[] c, int m, int n, int ldc)
        where T : INumber<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double actual = double.CreateTruncating(c[(i * ldc) + j]);
                double want = expected[(i * n) + j], tol = tolerance[(i * n) + j];
                if (!(Math.Abs(actual - want) <= tol))
                {
                    Assert.Fail($"C[{i},{j}] = {actual}, expected {want} ± {tol} (m={m}, n={n}, ldc={ldc}).");
                }
            }
        }
    }
}
