using System.Numerics;
using Tessera.Arrays;

namespace Tessera.ML.Linear;

/// <summary>
/// Binary logistic regression for labels 0 and 1, as scikit-learn's <c>LogisticRegression</c>:
/// it minimises C · Σ log-loss + penalty, the penalty being ½‖w‖² (L2) or ‖w‖₁ (L1). Fit is
/// Newton's method whose gradient and Hessian are sums over row blocks (dask-glm), typically
/// 6–10 passes over the data.
/// </summary>
public sealed class LogisticRegression : GeneralizedLinearModel
{
    /// <summary>Inverse regularisation strength, as scikit-learn's C (default 1; ignored without a penalty).</summary>
    public double C { get; init; } = 1.0;

    /// <summary>Fits the model to samples <paramref name="x"/> and targets <paramref name="y"/>.</summary>
    public LogisticRegression Fit<T>(BlockedArray<T> x, BlockedArray<T> y, ComputeOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        FitModel(x, y, options);
        return this;
    }

    private protected override string Estimator => nameof(LogisticRegression);

    private protected override double Lambda(long samples)
    {
        if (!(C > 0))
        {
            throw new ArgumentException($"C must be positive (it is the inverse penalty weight); got {C}. Use Penalty.None for no penalty.");
        }
        return 1 / C;
    }

    private protected override (double[] Beta, int Iterations, bool Converged) Solve<T>(
        BlockedArray<T> x, BlockedArray<T> y, int p, ComputeOptions? options) =>
        Minimize<LogisticFamily, T>(x, y, p, quadratic: false, options);

    /// <summary>P(y = 1 | x), lazily: the logistic function of the decision function.</summary>
    public BlockedArray<T> PredictProba<T>(BlockedArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.One / (T.One + BlockedArray.Exp(-DecisionFunction(x)));

    /// <summary>Predicted labels (1 where the decision function is positive, else 0), lazily.</summary>
    public BlockedArray<T> Predict<T>(BlockedArray<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        BlockedArray.Where(DecisionFunction(x) > T.Zero, BlockedArray.Ones<T>([x.Shape[0]]), BlockedArray.Zeros<T>([x.Shape[0]]));

    /// <summary>Accuracy: the fraction of samples whose predicted label equals <paramref name="y"/>.</summary>
    public double Score<T>(BlockedArray<T> x, BlockedArray<T> y, ComputeOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Predict(x).ElementwiseEquals(y).Astype<double>().Mean().Compute(options);
}
