using System.Numerics;
using Tessera.Arrays;
using Tessera.ML.Internal;

namespace Tessera.ML.Decomposition;

/// <summary>
/// Truncated SVD (latent semantic analysis), as scikit-learn's <c>TruncatedSVD</c>: the
/// leading right singular vectors of X itself, not centred, by TSQR or randomized SVD.
/// </summary>
public sealed class TruncatedSVD
{
    /// <summary>Components to keep (default 2, as scikit-learn).</summary>
    public int Components { get; init; } = 2;

    /// <summary>The factorization (default exact TSQR).</summary>
    public SvdSolver Solver { get; init; } = SvdSolver.Tsqr;

    /// <summary>Power iterations of the randomized solver (default 5, as scikit-learn's n_iter).</summary>
    public int PowerIterations { get; init; } = 5;

    /// <summary>Seeds the randomized solver.</summary>
    public int Seed { get; init; }

    /// <summary>The right singular vectors kept, components × features, row-major.</summary>
    public double[]? ComponentsMatrix { get; private set; }

    /// <summary>The singular values kept.</summary>
    public double[]? SingularValues { get; private set; }

    /// <summary>Factors <paramref name="x"/>.</summary>
    public TruncatedSVD Fit<T>(BlockedArray<T> x, ComputeOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        x = Design.Matrix(x, nameof(TruncatedSVD));
        if (Components < 1 || Components > Math.Min(x.Shape[0], x.Shape[1]))
        {
            throw new ArgumentOutOfRangeException(nameof(Components), Components,
                $"TruncatedSVD can keep 1 to min(samples, features) = {Math.Min(x.Shape[0], x.Shape[1])} components.");
        }
        var (singular, components) = Factorization.Top(x, Components, Solver, PowerIterations, Seed, options);
        SingularValues = singular[..Components];
        ComponentsMatrix = components;
        return this;
    }

    /// <summary>X · componentsᵀ, lazily.</summary>
    public BlockedArray<T> Transform<T>(BlockedArray<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var components = Design.Fitted(ComponentsMatrix, nameof(TruncatedSVD));
        x = Design.Matrix(x, nameof(TruncatedSVD));
        Design.SameFeatures(x.Shape[1], components.Length / SingularValues!.Length, nameof(TruncatedSVD));
        return Factorization.Project(x, components, SingularValues.Length);
    }

    /// <summary>Fit, then Transform.</summary>
    public BlockedArray<T> FitTransform<T>(BlockedArray<T> x, ComputeOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> => Fit(x, options).Transform(x);
}
