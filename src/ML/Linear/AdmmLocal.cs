using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace Tessera.ML.Linear;

/// <summary>
/// One block's ADMM subproblem, loss_b(β) + ρ/2‖β − v‖², solved on that block alone by Newton's
/// method from the block's previous β (warm start): the block's gradient and Hessian come from
/// <see cref="GlmPass.Block{TFamily, T}"/>, and ρ makes the system positive definite.
/// </summary>
internal static class AdmmLocal
{
    private const int MaxSteps = 50;

    public static double[] Solve<TFamily, T>(Tensor<T> x, Tensor<T> y, double[] start, double[] centre, double rho, bool intercept)
        where TFamily : IGlmFamily
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var p = start.Length;
        var beta = (double[])start.Clone();
        var (objective, gradient, hessian) = Evaluate<TFamily, T>(x, y, beta, centre, rho, intercept);
        for (var step = 0; step < MaxSteps; step++)
        {
            var d = (-hessian.Cholesky().Solve(gradient)).ToArray();
            var size = d.Max(Math.Abs);
            if (size <= 1e-13 * Math.Max(1, beta.Max(Math.Abs)))
            {
                break;
            }
            var t = 1.0;
            while (true)
            {
                var candidate = beta.Select((b, j) => b + t * d[j]).ToArray();
                var next = Evaluate<TFamily, T>(x, y, candidate, centre, rho, intercept);
                if (TFamily.Quadratic ||
                    (double.IsFinite(next.Objective) && next.Objective <= objective + 1e-13 * Math.Max(1, Math.Abs(objective))))
                {
                    beta = candidate;
                    (objective, gradient, hessian) = next;
                    break;
                }
                t /= 2;
                if (t < 1e-10)
                {
                    return beta;
                }
            }
            if (TFamily.Quadratic)
            {
                // The local problem is quadratic: one Newton step is its minimiser.
                break;
            }
        }
        return beta;
    }

    private static (double Objective, Vector<double> Gradient, Matrix<double> Hessian) Evaluate<TFamily, T>(
        Tensor<T> x, Tensor<T> y, double[] beta, double[] centre, double rho, bool intercept)
        where TFamily : IGlmFamily
        where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var p = beta.Length;
        var sums = GlmPass.Block<TFamily, T>(x, y, beta, intercept);
        var gradient = Vector<double>.Build.Dense(p, j => sums[1 + j] + rho * (beta[j] - centre[j]));
        var hessian = Matrix<double>.Build.Dense(p, p, (i, j) => sums[1 + p + i * p + j] + (i == j ? rho : 0));
        var objective = sums[0];
        for (var j = 0; j < p; j++)
        {
            objective += 0.5 * rho * (beta[j] - centre[j]) * (beta[j] - centre[j]);
        }
        return (objective, gradient, hessian);
    }
}
