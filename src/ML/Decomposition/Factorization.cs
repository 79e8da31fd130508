using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Tessera.Arrays;
using Tessera.Kernels.Cpu;
using Tessera.ML.Internal;

namespace Tessera.ML.Decomposition;

/// <summary>The leading singular values and right singular vectors of a (centred) blocked matrix.</summary>
internal static class Factorization
{
    /// <summary>
    /// All singular values (for the explained-variance total) and the first <paramref name="components"/>
    /// right singular vectors. Exact: one TSQR pass for R (Q is never formed), then the SVD of the small R
    /// here, since X = QR has R's singular values and right vectors. Randomized: dask's svd_compressed.
    /// </summary>
    public static (double[] Singular, double[] Components) Top<T>(BlockedArray<T> x, int components, SvdSolver solver,
        int powerIterations, int seed, ComputeOptions? options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = (int)x.Shape[1];
        double[] singular;
        double[] vh;
        if (solver == SvdSolver.Tsqr)
        {
            var r = Dense.AsDouble(Linalg.Qr(x).R.Compute(options)).ToArray();
            var svd = Matrix<double>.Build.DenseOfRowMajor(r.Length / d, d, r).Svd(computeVectors: true);
            singular = svd.S.ToArray();
            vh = svd.VT.SubMatrix(0, singular.Length, 0, d).ToRowMajorArray();
        }
        else if (solver == SvdSolver.Gram)
        {
            (singular, vh) = GramEigen(x, d, options);
        }
        else
        {
            var svd = Linalg.SvdCompressed(x, components, powerIterations: powerIterations, seed: seed);
            singular = Dense.AsDouble(svd.S.Compute(options)).ToArray();
            vh = Dense.AsDouble(svd.Vh.Compute(options)).ToArray();
        }
        var rows = vh.Length / d;
        var k = Math.Min(components, rows);
        var result = vh[..(k * d)];
        // Deterministic signs: the largest |entry| of every component is positive (scikit-learn flips by U;
        // either way a component is defined up to sign).
        for (var c = 0; c < k; c++)
        {
            var row = result.AsSpan(c * d, d);
            var largest = 0;
            for (var j = 1; j < d; j++)
            {
                if (Math.Abs(row[j]) > Math.Abs(row[largest]))
                {
                    largest = j;
                }
            }
            if (row[largest] < 0)
            {
                foreach (ref var v in row)
                {
                    v = -v;
                }
            }
        }
        return (singular, result);
    }

    private static (double[] Singular, double[] Vh) GramEigen<T>(BlockedArray<T> x, int d, ComputeOptions? options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gram = BlockPartials.Sum(x, d * d, block =>
        {
            var (rows, _) = Dense.Shape(block);
            var partial = new double[d * d];
            if (rows > 0)
            {
                var values = Dense.AsDouble(block);
                CpuGemm.Gemm(true, false, d, d, rows, 1.0, values, d, values, d, 0.0, partial, d);
            }
            return partial;
        }, options);
        var evd = Matrix<double>.Build.DenseOfRowMajor(d, d, gram).Evd(Symmetricity.Symmetric);
        // Eigenvalues come in ascending order; singular values are their square roots, descending.
        var order = Enumerable.Range(0, d).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var singular = order.Select(i => Math.Sqrt(Math.Max(evd.EigenValues[i].Real, 0))).ToArray();
        var vh = new double[d * d];
        for (var r = 0; r < d; r++)
        {
            for (var j = 0; j < d; j++)
            {
                vh[r * d + j] = evd.EigenVectors[j, order[r]];
            }
        }
        return (singular, vh);
    }

    /// <summary>X · componentsᵀ, lazily (blockwise GEMMs).</summary>
    public static BlockedArray<T> Project<T>(BlockedArray<T> x, double[] components, int k) where T : unmanaged, INumberBase<T>
    {
        var d = (int)x.Shape[1];
        var transposed = new double[d * k];
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                transposed[j * k + c] = components[c * d + j];
            }
        }
        return BlockedArray.MatMul(x, BlockedArray.FromArray(Dense.FromDouble<T>(transposed), [d, k]));
    }
}
