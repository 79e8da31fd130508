using MathNet.Numerics.LinearAlgebra;

namespace Tessera.ML.Linear;

/// <summary>The loss, gradient and Hessian of the data term at one point, summed over blocks.</summary>
internal readonly record struct GlmState(double Loss, double[] Gradient, double[,] Hessian);

/// <summary>
/// Newton's method for a convex GLM loss plus a penalty, where every evaluation is one blocked
/// pass over the data (see <see cref="GlmPass"/>) and everything else is p × p and local.
/// </summary>
/// <remarks>
/// Policy: a full Newton step is taken, and the next pass's loss checks it; when the objective
/// rose (or overflowed) the step is halved and that point evaluated instead, so a line search
/// costs passes only when it is needed. L2 adds λ to the Hessian's diagonal; L1 replaces the
/// linear solve by coordinate descent on the quadratic model with soft-thresholding (proximal
/// Newton, as liblinear's newGLMNET), which keeps Newton's few passes. Iteration stops when the
/// largest step component is below tol · max(1, ‖β‖∞). The intercept (last, when present) is
/// never penalised.
/// </remarks>
internal static class NewtonSolver
{
    public static (double[] Beta, int Iterations, bool Converged) Minimize(
        Func<double[], GlmState> pass, int p, bool intercept, Penalty penalty, double lambda,
        bool quadratic, int maxIter, double tol)
    {
        var beta = new double[p];
        var state = pass(beta);
        var objective = Objective(state.Loss, beta, intercept, penalty, lambda);
        for (var iteration = 1; iteration <= maxIter; iteration++)
        {
            var step = Step(state, beta, intercept, penalty, lambda);
            var size = step.Max(Math.Abs);
            var scale = Math.Max(1, beta.Max(Math.Abs));
            var t = 1.0;
            while (true)
            {
                var candidate = beta.Select((b, j) => b + t * step[j]).ToArray();
                if (quadratic && penalty != Penalty.L1)
                {
                    // The model is the objective: its minimiser is exact, no check pass needed.
                    return (candidate, iteration, true);
                }
                if (t * size <= tol * scale)
                {
                    return (candidate, iteration, true);
                }
                var next = pass(candidate);
                var nextObjective = Objective(next.Loss, candidate, intercept, penalty, lambda);
                if (double.IsFinite(nextObjective) && nextObjective <= objective + 1e-12 * Math.Abs(objective))
                {
                    beta = candidate;
                    state = next;
                    objective = nextObjective;
                    break;
                }
                t /= 2;
                if (t < 1e-10)
                {
                    // No decrease along the Newton direction: β is optimal to rounding.
                    return (beta, iteration, true);
                }
            }
        }
        return (beta, maxIter, false);
    }

    internal static double Objective(double loss, double[] beta, bool intercept, Penalty penalty, double lambda)
    {
        var n = intercept ? beta.Length - 1 : beta.Length;
        return penalty switch
        {
            Penalty.L2 => loss + 0.5 * lambda * beta.Take(n).Sum(b => b * b),
            Penalty.L1 => loss + lambda * beta.Take(n).Sum(Math.Abs),
            _ => loss,
        };
    }

    private static double[] Step(GlmState state, double[] beta, bool intercept, Penalty penalty, double lambda)
    {
        var p = beta.Length;
        var penalised = intercept ? p - 1 : p;
        if (penalty == Penalty.L1)
        {
            return ProximalStep(state, beta, penalised, lambda);
        }
        var h = Matrix<double>.Build.DenseOfArray(state.Hessian);
        var g = Vector<double>.Build.DenseOfArray(state.Gradient);
        if (penalty == Penalty.L2)
        {
            for (var j = 0; j < penalised; j++)
            {
                h[j, j] += lambda;
                g[j] += lambda * beta[j];
            }
        }
        // The Hessian of a convex loss is positive semi-definite; Cholesky fails only when it is singular
        // (collinear features, separable classes), where the SVD's least-norm step is the sensible one.
        try
        {
            return (-h.Cholesky().Solve(g)).ToArray();
        }
        catch (ArgumentException)
        {
            return (-h.Svd().Solve(g)).ToArray();
        }
    }

    /// <summary>
    /// argmin over d of gᵀd + ½dᵀHd + λ‖β + d‖₁ (penalised coordinates) by cyclic coordinate descent.
    /// </summary>
    private static double[] ProximalStep(GlmState state, double[] beta, int penalised, double lambda)
    {
        var p = beta.Length;
        var h = state.Hessian;
        var g = state.Gradient;
        var d = new double[p];
        // Hd, kept current so each coordinate update is O(p).
        var hd = new double[p];
        for (var sweep = 0; sweep < 1000; sweep++)
        {
            var largest = 0.0;
            for (var j = 0; j < p; j++)
            {
                var hjj = h[j, j];
                if (hjj <= 0)
                {
                    continue;
                }
                // Gradient of the model along j, without j's own diagonal term.
                var gj = g[j] + hd[j] - hjj * d[j];
                var w = beta[j] + d[j];
                double target;
                if (j < penalised)
                {
                    // In z = β_j + d_j the model is ½hjj(z − β_j)² + gj(z − β_j) + λ|z|: a soft-threshold.
                    var z = beta[j] - gj / hjj;
                    target = Math.Sign(z) * Math.Max(Math.Abs(z) - lambda / hjj, 0);
                }
                else
                {
                    target = beta[j] - gj / hjj;
                }
                var change = target - w;
                if (change == 0)
                {
                    continue;
                }
                d[j] += change;
                for (var k = 0; k < p; k++)
                {
                    hd[k] += h[k, j] * change;
                }
                largest = Math.Max(largest, Math.Abs(change));
            }
            if (largest <= 1e-14 * Math.Max(1, beta.Max(Math.Abs)))
            {
                break;
            }
        }
        return d;
    }
}
