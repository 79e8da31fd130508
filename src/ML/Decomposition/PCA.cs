using System.Numerics;
using Tessera.Arrays;
using Tessera.ML.Internal;
using Tessera.ML.Preprocessing;

namespace Tessera.ML.Decomposition;

/// <summary>
/// Principal component analysis, as scikit-learn's and dask-ml's <c>PCA</c>: the column means
/// are removed lazily and the centred array is factored by the array's TSQR SVD (or the
/// randomized one). Transform projects lazily, block by block.
/// </summary>
public sealed class PCA
{
    /// <summary>Components to keep (default: all, min(samples, features)).</summary>
    public int? Components { get; init; }

    /// <summary>The factorization (default exact TSQR).</summary>
    public SvdSolver Solver { get; init; } = SvdSolver.Tsqr;

    /// <summary>Power iterations of the randomized solver (default 2).</summary>
    public int PowerIterations { get; init; } = 2;

    /// <summary>Seeds the randomized solver.</summary>
    public int Seed { get; init; }

    /// <summary>The principal axes, components × features, row-major, by decreasing variance.</summary>
    public double[]? ComponentsMatrix { get; private set; }

    /// <summary>The variance along each component (S² / (n − 1)).</summary>
    public double[]? ExplainedVariance { get; private set; }

    /// <summary>Each component's share of the total variance.</summary>
    public double[]? ExplainedVarianceRatio { get; private set; }

    /// <summary>The singular values of the centred data.</summary>
    public double[]? SingularValues { get; private set; }

    /// <summary>The column means removed before factoring.</summary>
    public double[]? Mean { get; private set; }

    /// <summary>Finds the principal axes of <paramref name="x"/>.</summary>
    public PCA Fit<T>(BlockedArray<T> x, ComputeOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        x = Design.Matrix(x, nameof(PCA));
        var (n, d) = (x.Shape[0], (int)x.Shape[1]);
        var k = Components ?? (int)Math.Min(n, d);
        if (k < 1 || k > Math.Min(n, d))
        {
            throw new ArgumentOutOfRangeException(nameof(Components), k,
                $"PCA can keep 1 to min(samples, features) = {Math.Min(n, d)} components; got {k}.");
        }
        Mean = Dense.AsDouble(x.Mean(0).Compute(options)).ToArray();
        var centred = x - StandardScaler.Row<T>(Mean);
        var (singular, components) = Factorization.Top(centred, k, Solver, PowerIterations, Seed, options);
        // The exact solvers return every singular value, so the total variance costs no pass; the
        // randomized one returns k, and the total comes from the column variances.
        var totalVariance = Solver != SvdSolver.Randomized
            ? singular.Sum(s => s * s) / (n - 1)
            : Dense.AsDouble(x.Var(0, ddof: 1).Compute(options)).ToArray().Sum();
        SingularValues = singular[..k];
        ComponentsMatrix = components;
        ExplainedVariance = [.. SingularValues.Select(s => s * s / (n - 1))];
        ExplainedVarianceRatio = [.. ExplainedVariance.Select(v => v / totalVariance)];
        return this;
    }

    /// <summary>(X − mean) · componentsᵀ, lazily.</summary>
    public BlockedArray<T> Transform<T>(BlockedArray<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var components = Design.Fitted(ComponentsMatrix, nameof(PCA));
        x = Design.Matrix(x, nameof(PCA));
        Design.SameFeatures(x.Shape[1], Mean!.Length, nameof(PCA));
        return Factorization.Project(x - StandardScaler.Row<T>(Mean), components, SingularValues!.Length);
    }

    /// <summary>Fit, then Transform.</summary>
    public BlockedArray<T> FitTransform<T>(BlockedArray<T> x, ComputeOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> => Fit(x, options).Transform(x);
}
