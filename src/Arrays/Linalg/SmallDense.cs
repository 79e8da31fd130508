using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Tessera.Arrays.LinearAlgebra;

/// <summary>The dense factorizations one task runs on one small block, with NumPy's reduced shapes.</summary>
internal static class SmallDense
{
    /// <summary>
    /// numpy.linalg.qr(a, mode='reduced'): Q (m × c) with orthonormal columns and upper-triangular
    /// R (c × n), c = min(m, n). Math.NET's QR needs m ≥ n, so a short block [A1 A2] (A1 square)
    /// factors A1 = Q R1 and takes R = [R1, Qᵀ A2].
    /// </summary>
    public static (Matrix<double> Q, Matrix<double> R) Qr(Matrix<double> a)
    {
        if (a.RowCount >= a.ColumnCount)
        {
            var thin = a.QR(QRMethod.Thin);
            return (thin.Q, thin.R);
        }
        var m = a.RowCount;
        var square = a.SubMatrix(0, m, 0, m).QR(QRMethod.Full);
        var r = Matrix<double>.Build.Dense(m, a.ColumnCount);
        r.SetSubMatrix(0, 0, square.R);
        r.SetSubMatrix(0, m, square.Q.TransposeThisAndMultiply(a.SubMatrix(0, m, m, a.ColumnCount - m)));
        return (square.Q, r);
    }

    /// <summary>numpy.linalg.svd(a, full_matrices=False): U (m × c), s (c), Vh (c × n), c = min(m, n), s descending.</summary>
    public static (Matrix<double> U, Vector<double> S, Matrix<double> Vh) Svd(Matrix<double> a)
    {
        var svd = a.Svd(computeVectors: true);
        var c = Math.Min(a.RowCount, a.ColumnCount);
        return (svd.U.SubMatrix(0, a.RowCount, 0, c), svd.S.SubVector(0, c), svd.VT.SubMatrix(0, c, 0, a.ColumnCount));
    }

    /// <summary>X with R X = B for upper-triangular R (n × n), by back substitution.</summary>
    public static Matrix<double> SolveUpper(Matrix<double> r, Matrix<double> b)
    {
        var n = r.RowCount;
        var x = b.Clone();
        for (var j = 0; j < b.ColumnCount; j++)
        {
            for (var i = n - 1; i >= 0; i--)
            {
                var sum = x[i, j];
                for (var l = i + 1; l < n; l++)
                {
                    sum -= r[i, l] * x[l, j];
                }
                x[i, j] = sum / r[i, i];
            }
        }
        return x;
    }
}
