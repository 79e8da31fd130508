namespace Tessera.ML.Linear;

/// <summary>The loss and gradient of the data term at one point, summed over blocks.</summary>
internal readonly record struct GlmGradient(double Loss, double[] Gradient);

/// <summary>
/// Limited-memory BFGS over blocked passes (dask-glm's <c>lbfgs</c>): each evaluation is one pass
/// that returns only the loss and the gradient, so a row costs O(p) rather than Newton's O(p²).
/// L1 runs as OWL-QN (Andrew and Gao 2007): the direction follows the pseudo-gradient of the
/// non-smooth objective and each trial point is projected onto the orthant it started in, so
/// coefficients reach exact zeros.
/// </summary>
/// <remarks>
/// Policy: the line search backtracks from the unit step (from 1/‖g‖ on the first iteration)
/// until the Armijo condition holds. Near the optimum the objective's decrease falls below its
/// rounding; a step whose objective is within rounding of the current one is then accepted, so
/// the gradient test, not the line search, ends the iteration. Converged means the (pseudo-)
/// gradient's largest component is at most tol · max(1, |objective|).
/// </remarks>
internal static class LbfgsSolver
{
    private const int Memory = 10;
    private const double Armijo = 1e-4;

    public static (double[] Beta, int Iterations, bool Converged) Minimize(
        Func<double[], GlmGradient> pass, int p, bool intercept, Penalty penalty, double lambda, int maxIter, double tol)
    {
        var penalised = intercept ? p - 1 : p;
        var l1 = penalty == Penalty.L1 ? lambda : 0;
        var beta = new double[p];
        var (objective, gradient) = Evaluate(pass, beta, intercept, penalty, lambda, penalised);
        var history = new List<(double[] S, double[] Y, double Rho)>();
        for (var iteration = 1; iteration <= maxIter; iteration++)
        {
            var pseudo = PseudoGradient(beta, gradient, l1, penalised);
            if (pseudo.Max(Math.Abs) <= tol * Math.Max(1, Math.Abs(objective)))
            {
                return (beta, iteration - 1, true);
            }
            var direction = TwoLoop(pseudo, history);
            if (l1 > 0)
            {
                // OWL-QN: a coordinate may only move downhill along the pseudo-gradient.
                for (var j = 0; j < penalised; j++)
                {
                    if (direction[j] * pseudo[j] >= 0)
                    {
                        direction[j] = 0;
                    }
                }
            }
            var orthant = new double[p];
            for (var j = 0; j < penalised; j++)
            {
                orthant[j] = beta[j] != 0 ? Math.Sign(beta[j]) : Math.Sign(-pseudo[j]);
            }
            var t = history.Count == 0 ? 1 / Math.Max(1, Norm(pseudo)) : 1.0;
            double[]? accepted = null;
            double nextObjective = 0;
            double[] nextGradient = [];
            while (t > 1e-20)
            {
                var candidate = new double[p];
                for (var j = 0; j < p; j++)
                {
                    candidate[j] = beta[j] + t * direction[j];
                    if (l1 > 0 && j < penalised && Math.Sign(candidate[j]) != orthant[j])
                    {
                        candidate[j] = 0;
                    }
                }
                (nextObjective, nextGradient) = Evaluate(pass, candidate, intercept, penalty, lambda, penalised);
                var expected = 0.0;
                for (var j = 0; j < p; j++)
                {
                    expected += pseudo[j] * (candidate[j] - beta[j]);
                }
                var rounding = 1e-13 * Math.Max(1, Math.Abs(objective));
                if (double.IsFinite(nextObjective) &&
                    (nextObjective <= objective + Armijo * expected || (t == 1 && nextObjective <= objective + rounding)))
                {
                    accepted = candidate;
                    break;
                }
                t /= 2;
            }
            if (accepted is null)
            {
                // No decrease along a descent direction: β is optimal to rounding.
                return (beta, iteration, true);
            }
            var s = new double[p];
            var y = new double[p];
            var sy = 0.0;
            for (var j = 0; j < p; j++)
            {
                s[j] = accepted[j] - beta[j];
                y[j] = nextGradient[j] - gradient[j];
                sy += s[j] * y[j];
            }
            // Curvature must be positive for the inverse-Hessian model to stay positive definite.
            if (sy > 1e-16 * Norm(s) * Norm(y))
            {
                if (history.Count == Memory)
                {
                    history.RemoveAt(0);
                }
                history.Add((s, y, 1 / sy));
            }
            beta = accepted;
            objective = nextObjective;
            gradient = nextGradient;
        }
        var last = PseudoGradient(beta, gradient, l1, penalised);
        return (beta, maxIter, last.Max(Math.Abs) <= tol * Math.Max(1, Math.Abs(objective)));
    }

    /// <summary>The objective (data term, L2 and L1 penalties) and the gradient of its smooth part.</summary>
    private static (double Objective, double[] Gradient) Evaluate(
        Func<double[], GlmGradient> pass, double[] beta, bool intercept, Penalty penalty, double lambda, int penalised)
    {
        var state = pass(beta);
        var gradient = state.Gradient;
        if (penalty == Penalty.L2)
        {
            for (var j = 0; j < penalised; j++)
            {
                gradient[j] += lambda * beta[j];
            }
        }
        return (NewtonSolver.Objective(state.Loss, beta, intercept, penalty, lambda), gradient);
    }

    /// <summary>The gradient with the L1 term's subgradient of least magnitude (the gradient itself when l1 is 0).</summary>
    private static double[] PseudoGradient(double[] beta, double[] gradient, double l1, int penalised)
    {
        var pseudo = (double[])gradient.Clone();
        if (l1 == 0)
        {
            return pseudo;
        }
        for (var j = 0; j < penalised; j++)
        {
            var g = gradient[j];
            pseudo[j] = beta[j] > 0 ? g + l1
                : beta[j] < 0 ? g - l1
                : g + l1 < 0 ? g + l1
                : g - l1 > 0 ? g - l1
                : 0;
        }
        return pseudo;
    }

    /// <summary>−H·g with H the L-BFGS inverse-Hessian model of the stored pairs (Nocedal and Wright, algorithm 7.4).</summary>
    private static double[] TwoLoop(double[] g, List<(double[] S, double[] Y, double Rho)> history)
    {
        var q = (double[])g.Clone();
        var alpha = new double[history.Count];
        for (var k = history.Count - 1; k >= 0; k--)
        {
            var (s, y, rho) = history[k];
            alpha[k] = rho * Dot(s, q);
            Axpy(-alpha[k], y, q);
        }
        if (history.Count > 0)
        {
            var (s, y, _) = history[^1];
            var gamma = Dot(s, y) / Dot(y, y);
            for (var j = 0; j < q.Length; j++)
            {
                q[j] *= gamma;
            }
        }
        for (var k = 0; k < history.Count; k++)
        {
            var (s, y, rho) = history[k];
            var b = rho * Dot(y, q);
            Axpy(alpha[k] - b, s, q);
        }
        for (var j = 0; j < q.Length; j++)
        {
            q[j] = -q[j];
        }
        return q;
    }

    private static double Dot(double[] a, double[] b) => System.Numerics.Tensors.TensorPrimitives.Dot<double>(a, b);

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    private static void Axpy(double scale, double[] x, double[] y)
    {
        for (var j = 0; j < y.Length; j++)
        {
            y[j] += scale * x[j];
        }
    }
}
