using System.Numerics;
using Tessera.Arrays;

namespace Tessera.ML.Linear;

/// <summary>
/// Ordinary least squares (with <see cref="Penalty.L2"/> ridge, with <see cref="Penalty.L1"/>
/// the lasso), as scikit-learn's <c>LinearRegression</c> / <c>Ridge</c> / <c>Lasso</c>. The
/// normal equations are built blockwise in one pass: every block adds its Xᵀ X (one GEMM) and
/// Xᵀ y, and the p × p system is solved by Cholesky. The objective is ½‖Xβ − y‖² plus the
/// penalty with weight <see cref="Alpha"/> (Ridge's alpha; Lasso's alpha is per sample, so
/// Lasso(alpha) is Alpha = n · alpha here).
/// </summary>
public sealed class LinearRegression : GeneralizedLinearModel
{
    /// <summary>The penalty weight λ (ignored without a penalty).</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>Fits the model to samples <paramref name="x"/> and targets <paramref name="y"/>.</summary>
    public LinearRegression Fit<T>(BlockedArray<T> x, BlockedArray<T> y, ComputeOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        FitModel(x, y, options);
        return this;
    }

    private protected override string Estimator => nameof(LinearRegression);

    private protected override double Lambda(long samples) => Alpha;

    private protected override (double[] Beta, int Iterations, bool Converged) Solve<T>(
        BlockedArray<T> x, BlockedArray<T> y, int p, ComputeOptions? options) =>
        Minimize<NormalFamily, T>(x, y, p, quadratic: true, options);

    /// <summary>Predictions X·coef + intercept, lazily.</summary>
    public BlockedArray<T> Predict<T>(BlockedArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> => DecisionFunction(x);

    /// <summary>The coefficient of determination R² of the predictions for <paramref name="x"/> against <paramref name="y"/>.</summary>
    public double Score<T>(BlockedArray<T> x, BlockedArray<T> y, ComputeOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var residual = y.Astype<double>() - Predict(x).Astype<double>();
        var centred = y.Astype<double>() - y.Astype<double>().Mean().Compute(options);
        return 1 - (residual * residual).Sum().Compute(options) / (centred * centred).Sum().Compute(options);
    }
}
