namespace Tessera.ML.Linear;

/// <summary>
/// Consensus ADMM over row blocks (dask-glm's <c>admm</c>; Boyd et al. 2011, §8.2): the summed loss
/// is split into one local problem per block, β_b, tied to a shared z. Each iteration
/// <list type="number">
/// <item>solves every block's loss_b(β_b) + ρ/2‖β_b − z + u_b‖² on that block alone (one task per
/// block, in parallel: <see cref="AdmmLocal"/>);</item>
/// <item>sets z to the penalty's proximal point of the mean of β_b + u_b: soft-thresholding by
/// λ/(Nρ) for L1, a shrink by Nρ/(Nρ + λ) for L2, the mean itself for the intercept;</item>
/// <item>adds β_b − z to each scaled dual u_b.</item>
/// </list>
/// It stops when the primal residual ‖β_b − z‖ and the dual residual ρ√N‖z − z_prev‖ are below
/// √(pN)·tol + tol·(their scale), Boyd's test with both tolerances at tol.
/// </summary>
/// <remarks>
/// ρ adapts by residual balancing (Boyd §3.4.1): when one residual is ten times the other, ρ
/// doubles or halves (and the scaled duals with it), so the fit does not hinge on the initial ρ.
/// </remarks>
internal static class AdmmSolver
{
    /// <summary>
    /// Solves every block's local problem: given each block's warm start β_b and centre v_b = z − u_b and ρ,
    /// returns the new β_b of every block, in block order.
    /// </summary>
    public delegate double[][] LocalSolve(double[][] start, double[][] centre, double rho);

    public static (double[] Beta, int Iterations, bool Converged) Minimize(
        LocalSolve local, int blocks, int p, bool intercept, Penalty penalty, double lambda, double rho, int maxIter, double tol)
    {
        var penalised = intercept ? p - 1 : p;
        var z = new double[p];
        var u = Enumerable.Range(0, blocks).Select(_ => new double[p]).ToArray();
        var betas = Enumerable.Range(0, blocks).Select(_ => new double[p]).ToArray();
        for (var iteration = 1; iteration <= maxIter; iteration++)
        {
            var centre = u.Select(ub => z.Select((zj, j) => zj - ub[j]).ToArray()).ToArray();
            betas = local(betas, centre, rho);
            var mean = new double[p];
            for (var b = 0; b < blocks; b++)
            {
                for (var j = 0; j < p; j++)
                {
                    mean[j] += (betas[b][j] + u[b][j]) / blocks;
                }
            }
            var previous = z;
            z = Proximal(mean, penalty, lambda / (rho * blocks), penalised);
            double primal = 0, betaNorm = 0, dualNorm = 0, change = 0;
            for (var b = 0; b < blocks; b++)
            {
                for (var j = 0; j < p; j++)
                {
                    var r = betas[b][j] - z[j];
                    u[b][j] += r;
                    primal += r * r;
                    betaNorm += betas[b][j] * betas[b][j];
                    dualNorm += u[b][j] * u[b][j];
                }
            }
            for (var j = 0; j < p; j++)
            {
                change += (z[j] - previous[j]) * (z[j] - previous[j]);
            }
            primal = Math.Sqrt(primal);
            var dual = rho * Math.Sqrt(blocks * change);
            var floor = Math.Sqrt((double)p * blocks) * tol;
            var zNorm = Math.Sqrt(blocks * z.Sum(v => v * v));
            if (primal <= floor + tol * Math.Max(Math.Sqrt(betaNorm), zNorm) && dual <= floor + tol * rho * Math.Sqrt(dualNorm))
            {
                return (z, iteration, true);
            }
            // Residual balancing: u is scaled by 1/ρ, so it scales inversely when ρ changes.
            var factor = primal > 10 * dual ? 2.0 : dual > 10 * primal ? 0.5 : 1.0;
            if (factor != 1)
            {
                rho *= factor;
                foreach (var ub in u)
                {
                    for (var j = 0; j < p; j++)
                    {
                        ub[j] /= factor;
                    }
                }
            }
        }
        return (z, maxIter, false);
    }

    /// <summary>argmin over z of penalty(z) · weight + ½‖z − v‖² on the penalised coordinates; v itself elsewhere.</summary>
    private static double[] Proximal(double[] v, Penalty penalty, double weight, int penalised)
    {
        var z = (double[])v.Clone();
        for (var j = 0; j < penalised; j++)
        {
            z[j] = penalty switch
            {
                Penalty.L1 => Math.Sign(v[j]) * Math.Max(Math.Abs(v[j]) - weight, 0),
                Penalty.L2 => v[j] / (1 + weight),
                _ => v[j],
            };
        }
        return z;
    }
}
