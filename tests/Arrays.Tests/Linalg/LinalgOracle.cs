using System.Globalization;

namespace Tessera.Arrays.Tests.LinearAlgebra;

/// <summary>Inputs, computations on both executors, and NumPy's answers for the linear algebra tests.</summary>
internal static class LinalgOracle
{
    public static readonly SchedulerKind[] Schedulers = NumPyBatch.Schedulers;

    /// <summary>Seeded values in [-1, 1), rounded to 6 digits so float and double inputs are the same numbers.</summary>
    public static double[] Values(long count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, (int)count).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 6))];
    }

    /// <summary>The array computed with <paramref name="scheduler"/>, every block checked against its grid, as doubles.</summary>
    public static double[] Compute<T>(BlockedArray<T> array, SchedulerKind scheduler) where T : unmanaged => NumPyBatch.Compute(array, scheduler);

    /// <summary>Both value lists agree within <paramref name="tolerance"/> scaled to magnitude.</summary>
    public static void Close(double[] expected, double[] actual, double tolerance, string what) => NumPyBatch.Close(expected, actual, tolerance, what);

    /// <summary>The row-major product of (m × k) and (k × n) matrices.</summary>
    public static double[] Multiply(double[] a, double[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var l = 0; l < k; l++)
            {
                for (var j = 0; j < n; j++)
                {
                    c[(i * n) + j] += a[(i * k) + l] * b[(l * n) + j];
                }
            }
        }
        return c;
    }

    /// <summary>The row-major transpose of an (m × n) matrix.</summary>
    public static double[] Transpose(double[] a, int m, int n)
    {
        var t = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                t[(j * m) + i] = a[(i * n) + j];
            }
        }
        return t;
    }

    /// <summary>The identity matrix, row-major.</summary>
    public static double[] Identity(int n) => [.. Enumerable.Range(0, n * n).Select(i => i / n == i % n ? 1.0 : 0.0)];

    /// <summary>
    /// Flips the sign of column j of a row-major (rows × cols) matrix where <paramref name="signs"/>[j]
    /// is negative: the factors of QR and SVD are unique only up to such signs.
    /// </summary>
    public static double[] SignColumns(double[] matrix, int rows, int cols, double[] signs) =>
        [.. matrix.Select((v, i) => signs[i % cols] < 0 ? -v : v)];

    /// <summary>The signs making each column's largest-magnitude entry positive.</summary>
    public static double[] ColumnSigns(double[] matrix, int rows, int cols) =>
        [.. Enumerable.Range(0, cols).Select(j => Math.Sign(Enumerable.Range(0, rows).Select(i => matrix[(i * cols) + j]).MaxBy(Math.Abs)) switch { < 0 => -1.0, _ => 1.0 })];
}
