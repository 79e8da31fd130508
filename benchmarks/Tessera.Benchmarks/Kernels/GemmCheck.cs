using System.Numerics;

namespace Tessera.Benchmarks.Kernels;

/// <summary>
/// Guards the benchmark against measuring a fast wrong answer: the managed result must agree
/// with OpenBLAS's to within a k-scaled rounding bound before its time is reported.
/// </summary>
internal static class GemmCheck
{
    /// <summary>Throws when any element of <paramref name="actual"/> is off by more than eps·n relative to the reference's scale.</summary>
    public static void AgainstReference<T>(T[] actual, T[] reference, int n, string what)
        where T : unmanaged, INumber<T>
    {
        double eps = typeof(T) == typeof(float) ? 1.1920929e-7 : 2.220446049250313e-16;
        double worst = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double want = double.CreateTruncating(reference[i]);
            double diff = Math.Abs(double.CreateTruncating(actual[i]) - want) / Math.Max(1, Math.Abs(want));
            worst = Math.Max(worst, double.IsNaN(diff) ? double.PositiveInfinity : diff);
        }
        // Inputs are in [0, 1), so every product term is non-negative and eps·n bounds the relative error.
        if (worst > eps * n)
        {
            throw new InvalidOperationException($"managed GEMM disagrees with OpenBLAS ({what}): worst relative difference {worst:E2} > {eps * n:E2}.");
        }
        Console.WriteLine($"check {what}: managed vs OpenBLAS worst relative difference {worst:E2}");
    }
}
