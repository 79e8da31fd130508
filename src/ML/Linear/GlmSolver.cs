namespace Tessera.ML.Linear;

/// <summary>How a linear model is fitted (dask-glm's solvers); every one works over row blocks.</summary>
public enum GlmSolver
{
    /// <summary>
    /// Newton's method (default): one pass per iteration builds the gradient and the Hessian from every
    /// block; few passes, O(p²) work per row. L1 runs as proximal Newton.
    /// </summary>
    Newton,

    /// <summary>
    /// L-BFGS: one pass per evaluation builds only the loss and gradient (O(p) per row), with a backtracking
    /// line search; more passes than Newton, cheaper ones when there are many features. L1 runs as OWL-QN.
    /// </summary>
    Lbfgs,

    /// <summary>
    /// ADMM (dask-glm's <c>admm</c>): every block solves its own penalised local problem, in parallel as
    /// tasks, then a consensus step applies the penalty (soft-thresholding for L1) and updates the duals.
    /// </summary>
    Admm,
}
