using System.Numerics;
using System.Numerics.Tensors;
using Tessera.Arrays;
using Tessera.ML.Internal;

namespace Tessera.ML.Linear;

/// <summary>
/// What the blocked linear models share (dask-glm's design): the data term's gradient and
/// Hessian are sums over row blocks, computed by one MapBlocks task per block and a
/// reduction tree; Newton's method then works on p × p matrices in memory. L-BFGS passes build
/// only the gradient, and ADMM solves one local problem per block (see <see cref="GlmSolver"/>).
/// Predictions are lazy, one task per block.
/// </summary>
public abstract class GeneralizedLinearModel
{
    private protected GeneralizedLinearModel()
    {
    }

    /// <summary>Fit an intercept (default true); it is never penalised.</summary>
    public bool FitIntercept { get; init; } = true;

    /// <summary>The regularisation (default none).</summary>
    public Penalty Penalty { get; init; } = Penalty.None;

    /// <summary>The solver (default <see cref="GlmSolver.Newton"/>); every one accepts every <see cref="Penalty"/>.</summary>
    public GlmSolver Solver { get; init; } = GlmSolver.Newton;

    /// <summary>
    /// Iterations at most: Newton or L-BFGS steps, or ADMM rounds (default: 100 for Newton, 1000 for L-BFGS and ADMM,
    /// which take more and cheaper steps).
    /// </summary>
    public int? MaxIter { get; init; }

    /// <summary>
    /// Stop when no coefficient moves by more than Tol · max(1, ‖β‖∞) (Newton), when the gradient's largest component is
    /// at most Tol · max(1, |objective|) (L-BFGS), or when ADMM's primal and dual residuals are below Tol in Boyd's
    /// absolute and relative test (default 1e-10).
    /// </summary>
    public double Tol { get; init; } = 1e-10;

    /// <summary>ADMM's initial augmented-Lagrangian weight ρ (default 1, as dask-glm); it then adapts to balance the residuals.</summary>
    public double Rho { get; init; } = 1.0;

    /// <summary>The coefficients, one per feature.</summary>
    public double[]? Coef { get; private set; }

    /// <summary>The intercept (0 without <see cref="FitIntercept"/>).</summary>
    public double Intercept { get; private set; }

    /// <summary>
    /// Iterations the last Fit took: Newton or L-BFGS steps (each one pass over the data, plus one per halved step), or
    /// ADMM rounds (each one parallel pass of local solves).
    /// </summary>
    public int Iterations { get; private set; }

    /// <summary>Whether the last Fit met <see cref="Tol"/> within <see cref="MaxIter"/>.</summary>
    public bool Converged { get; private set; }

    private protected abstract string Estimator { get; }

    /// <summary>The penalty weight in units of the summed loss, from the estimator's own parameter.</summary>
    private protected abstract double Lambda(long samples);

    private protected abstract (double[] Beta, int Iterations, bool Converged) Solve<T>(
        BlockedArray<T> x, BlockedArray<T> y, int p, ComputeOptions? options) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Minimises the family's summed loss plus the penalty with the chosen <see cref="Solver"/>.</summary>
    private protected (double[] Beta, int Iterations, bool Converged) Minimize<TFamily, T>(
        BlockedArray<T> x, BlockedArray<T> y, int p, bool quadratic, ComputeOptions? options)
        where TFamily : IGlmFamily
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var intercept = FitIntercept;
        var lambda = Lambda(x.Shape[0]);
        switch (Solver)
        {
            case GlmSolver.Newton:
                GlmState Pass(double[] beta)
                {
                    var sums = BlockPartials.Sum(x, y, GlmPass.Length(p),
                        (xb, yb) => GlmPass.Block<TFamily, T>(xb, yb, beta, intercept), options);
                    var hessian = new double[p, p];
                    Buffer.BlockCopy(sums, (1 + p) * sizeof(double), hessian, 0, p * p * sizeof(double));
                    return new(sums[0], sums[1..(1 + p)], hessian);
                }
                return NewtonSolver.Minimize(Pass, p, intercept, Penalty, lambda, quadratic, MaxIter ?? 100, Tol);
            case GlmSolver.Lbfgs:
                GlmGradient GradientPass(double[] beta)
                {
                    var sums = BlockPartials.Sum(x, y, GlmPass.GradientLength(p),
                        (xb, yb) => GlmPass.Gradient<TFamily, T>(xb, yb, beta, intercept), options);
                    return new(sums[0], sums[1..]);
                }
                return LbfgsSolver.Minimize(GradientPass, p, intercept, Penalty, lambda, MaxIter ?? 1000, Tol);
            case GlmSolver.Admm:
                double[][] Local(double[][] start, double[][] centre, double rho) =>
                    BlockPartials.Gather(x, y, p,
                        (xb, yb, b) => AdmmLocal.Solve<TFamily, T>(xb, yb, start[b], centre[b], rho, intercept), options);
                return AdmmSolver.Minimize(Local, x.Chunks.BlockCounts[0], p, intercept, Penalty, lambda, Rho, MaxIter ?? 1000, Tol);
            default:
                throw new ArgumentException(
                    $"{Estimator}: unknown solver {Solver}; use GlmSolver.Newton, GlmSolver.Lbfgs or GlmSolver.Admm.");
        }
    }

    /// <summary>Fits the model to samples <paramref name="x"/> and targets <paramref name="y"/> (each estimator's Fit).</summary>
    private protected void FitModel<T>(BlockedArray<T> x, BlockedArray<T> y, ComputeOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        x = Design.Matrix(x, Estimator);
        var column = Design.Target(x, y, Estimator);
        if (MaxIter < 1 || !(Tol > 0) || !(Rho > 0) || !double.IsFinite(Rho))
        {
            throw new ArgumentException(
                $"{Estimator} needs MaxIter ≥ 1, Tol > 0 and a finite Rho > 0; got MaxIter = {MaxIter?.ToString() ?? "default"}, " +
                $"Tol = {Tol}, Rho = {Rho}. Leave MaxIter unset for the solver's default.");
        }
        var d = (int)x.Shape[1];
        var p = d + (FitIntercept ? 1 : 0);
        var (beta, iterations, converged) = Solve(x, column, p, options);
        Coef = beta[..d];
        Intercept = FitIntercept ? beta[d] : 0;
        Iterations = iterations;
        Converged = converged;
    }

    /// <summary>The linear predictor X·coef + intercept, lazily, one task per row block.</summary>
    public BlockedArray<T> DecisionFunction<T>(BlockedArray<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var coef = Design.Fitted(Coef, Estimator);
        x = Design.Matrix(x, Estimator);
        Design.SameFeatures(x.Shape[1], coef.Length, Estimator);
        double[] beta = FitIntercept ? [.. coef, Intercept] : coef;
        var intercept = FitIntercept;
        var grid = new ChunkGrid([x.Chunks.Chunks[0], [1L]]);
        return x.MapBlocksReadOnly((block, _) =>
        {
            var eta = GlmPass.Predictor(block, beta, intercept);
            return Tensor.Create(eta, [eta.Length, 1]);
        }, grid).Reshape(x.Shape[0]);
    }
}
