using MathNet.Numerics.LinearAlgebra;
using Tessera.Arrays.Lazy;
using Tessera.Arrays.LinearAlgebra;

namespace Tessera.Arrays;

public static partial class Linalg
{
    /// <summary>The spacing of doubles at 1 (NumPy's <c>finfo(float64).eps</c>).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// The Cholesky factor of a symmetric positive-definite matrix, as dask's <c>linalg.cholesky</c>:
    /// upper-triangular U with A = Uᵀ U by default (dask's <c>lower=False</c>), or lower L with
    /// A = L Lᵀ (NumPy's <c>cholesky</c>) when <paramref name="lower"/>. Factorized in one task
    /// (the matrix must fit in memory); the result has the input's chunks.
    /// </summary>
    /// <exception cref="ArgumentException">Not a square 2-D array.</exception>
    /// <exception cref="TaskFailedException">At compute time, when the matrix is not positive definite.</exception>
    public static BlockedArray<T> Cholesky<T>(BlockedArray<T> a, bool lower = false) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        DenseBlock.RequireFloat<T>("Cholesky");
        WholeMatrix.RequireSquare(a.Node, "Cholesky");
        return new(WholeMatrix.Build("cholesky", [a.Node], [.. a.Shape], a.Chunks, [lower], m =>
        {
            var factor = Factorize(m[0]);
            return lower ? factor : factor.Transpose();
        }));
    }

    private static Matrix<double> Factorize(Matrix<double> a)
    {
        try
        {
            return a.Cholesky().Factor;
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(
                $"Cholesky: the {a.RowCount} × {a.RowCount} matrix is not symmetric positive definite ({e.Message}). " +
                "Check the input, or use Linalg.Solve, which factors any nonsingular matrix.", e);
        }
    }

    /// <summary>
    /// The solution x of A x = b for a square nonsingular <paramref name="a"/>, as numpy.linalg.solve:
    /// <paramref name="b"/> is a vector (n) or a matrix (n × k), and x has its shape and chunks.
    /// LU with partial pivoting in one task (a and b must fit in memory).
    /// </summary>
    /// <exception cref="ArgumentException">A is not square, or b's length differs from A's.</exception>
    /// <exception cref="TaskFailedException">At compute time, when A is singular.</exception>
    public static BlockedArray<T> Solve<T>(BlockedArray<T> a, BlockedArray<T> b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        DenseBlock.RequireFloat<T>("Solve");
        WholeMatrix.RequireSquare(a.Node, "Solve");
        if (b.Rank is not (1 or 2) || b.Shape[0] != a.Shape[0])
        {
            throw new ArgumentException(
                $"Solve: b has shape {BlockShapes.Text(b.Shape)}; A has shape {BlockShapes.Text(a.Shape)}, so b must be ({a.Shape[0]},) or ({a.Shape[0]}, k).",
                nameof(b));
        }
        b.Chunks.RequireKnown("Solve");
        return new(WholeMatrix.Build("solve", [a.Node, b.Node], [.. b.Shape], b.Chunks, [], m => NonsingularLu(m[0], "Solve").Solve(m[1])));
    }

    /// <summary>The inverse of a square nonsingular matrix (numpy.linalg.inv), with the input's chunks; LU in one task.</summary>
    /// <exception cref="ArgumentException">Not a square 2-D array.</exception>
    /// <exception cref="TaskFailedException">At compute time, when the matrix is singular.</exception>
    public static BlockedArray<T> Inv<T>(BlockedArray<T> a) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        DenseBlock.RequireFloat<T>("Inv");
        WholeMatrix.RequireSquare(a.Node, "Inv");
        return new(WholeMatrix.Build("inv", [a.Node], [.. a.Shape], a.Chunks, [], m => NonsingularLu(m[0], "Inv").Inverse()));
    }

    private static MathNet.Numerics.LinearAlgebra.Factorization.LU<double> NonsingularLu(Matrix<double> a, string operation)
    {
        var lu = a.LU();
        var diagonal = lu.U.Diagonal();
        var scale = a.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
        // LAPACK (so NumPy) raises only on an exact zero pivot; a tiny one gives useless digits, so refuse those too.
        if (diagonal.Any(d => Math.Abs(d) <= scale * a.RowCount * MachineEpsilon))
        {
            throw new InvalidOperationException(
                $"{operation}: the {a.RowCount} × {a.RowCount} matrix is singular (a zero pivot in its LU factorization). " +
                "For a rank-deficient or rectangular system use Linalg.Lstsq.");
        }
        return lu;
    }
}
