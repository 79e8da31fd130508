using System.Numerics;
using Tessera.Arrays;

namespace Tessera.ML.Linear;

/// <summary>
/// Poisson regression with the log link, as scikit-learn's <c>PoissonRegressor</c>: it
/// minimises the mean Poisson deviance / 2 + ½ · Alpha · ‖w‖² (L2, scikit-learn's alpha) or
/// + Alpha · ‖w‖₁ (L1). Targets must be non-negative counts or rates. Fit is blocked Newton.
/// </summary>
public sealed class PoissonRegression : GeneralizedLinearModel
{
    /// <summary>The penalty weight per sample (scikit-learn's alpha; ignored without a penalty).</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>Fits the model to samples <paramref name="x"/> and targets <paramref name="y"/>.</summary>
    public PoissonRegression Fit<T>(BlockedArray<T> x, BlockedArray<T> y, ComputeOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        FitModel(x, y, options);
        return this;
    }

    private protected override string Estimator => nameof(PoissonRegression);

    // scikit-learn averages the loss over samples; the solver sums it, so the penalty scales by n.
    private protected override double Lambda(long samples) => Alpha * samples;

    private protected override (double[] Beta, int Iterations, bool Converged) Solve<T>(
        BlockedArray<T> x, BlockedArray<T> y, int p, ComputeOptions? options) =>
        Minimize<PoissonFamily, T>(x, y, p, quadratic: false, options);

    /// <summary>The predicted mean exp(X·coef + intercept), lazily.</summary>
    public BlockedArray<T> Predict<T>(BlockedArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        BlockedArray.Exp(DecisionFunction(x));
}
