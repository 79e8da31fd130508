using Tessera.ML.Linear;

namespace Tessera.ML.Tests;

/// <summary>
/// The three solvers (Newton, L-BFGS, ADMM) on the same data and scikit-learn results as the rest of
/// <see cref="LinearModelTests"/>: each must reach scikit-learn's optimum, with and without penalties.
/// </summary>
public sealed partial class LinearModelTests
{
    [Theory]
    [InlineData(GlmSolver.Newton)]
    [InlineData(GlmSolver.Lbfgs)]
    [InlineData(GlmSolver.Admm)]
    public void Solver_Unpenalised_MatchesScikitLearn(GlmSolver solver)
    {
        var linear = new LinearRegression { Solver = solver }.Fit(X, TestData.Vector(_reference.Linear, 64));
        AssertMatches("ols", linear);
        var logistic = new LogisticRegression { Solver = solver }.Fit(X, TestData.Vector(_reference.Labels, 64));
        AssertMatches("logistic", logistic);
        var poisson = new PoissonRegression { Solver = solver }.Fit(X, TestData.Vector(_reference.Counts, 64));
        AssertMatches("poisson", poisson);
        Assert.All(new GeneralizedLinearModel[] { linear, logistic, poisson }, m => Assert.True(m.Converged, $"{solver} did not converge"));
    }

    [Theory]
    [InlineData(GlmSolver.Newton)]
    [InlineData(GlmSolver.Lbfgs)]
    [InlineData(GlmSolver.Admm)]
    public void Solver_L2_MatchesScikitLearn(GlmSolver solver)
    {
        AssertMatches("ridge", new LinearRegression { Solver = solver, Penalty = Penalty.L2, Alpha = 30 }
            .Fit(X, TestData.Vector(_reference.Linear, 64)));
        // C = 0.05 is λ = 1/C = 20 on the summed log-loss.
        AssertMatches("logistic_l2", new LogisticRegression { Solver = solver, Penalty = Penalty.L2, C = 0.05 }
            .Fit(X, TestData.Vector(_reference.Labels, 64)));
        AssertMatches("poisson_l2", new PoissonRegression { Solver = solver, Penalty = Penalty.L2, Alpha = 0.05 }
            .Fit(X, TestData.Vector(_reference.Counts, 64)));
    }

    [Theory]
    [InlineData(GlmSolver.Newton)]
    [InlineData(GlmSolver.Lbfgs)]
    [InlineData(GlmSolver.Admm)]
    public void Solver_L1_MatchesLassoAndLiblinear(GlmSolver solver)
    {
        // scikit-learn's Lasso divides the squared error by n: its alpha is n times smaller.
        var lasso = new LinearRegression { Solver = solver, Penalty = Penalty.L1, Alpha = 0.2 * N }
            .Fit(X, TestData.Vector(_reference.Linear, 64));
        AssertMatches("lasso", lasso, rtol: 1e-6);
        AssertSameZeros(_reference.Results["lasso_coef"], lasso.Coef!);
        // liblinear penalises its intercept, so the comparison fits none: both minimise C·Σ log-loss + ‖w‖₁.
        var logistic = new LogisticRegression { Solver = solver, Penalty = Penalty.L1, C = 0.01, FitIntercept = false }
            .Fit(X, TestData.Vector(_reference.Labels, 64));
        AssertMatches("logistic_l1", logistic, rtol: 1e-4);
        AssertSameZeros(_reference.Results["logistic_l1_coef"], logistic.Coef!);
    }

    [Fact]
    public void Admm_WithBadRho_SaysWhatItNeeds()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new LogisticRegression { Solver = GlmSolver.Admm, Rho = 0 }.Fit(X, TestData.Vector(_reference.Labels, 64)));
        Assert.Contains("Rho = 0", error.Message);
        Assert.Contains("Rho > 0", error.Message);
    }

    private static void AssertSameZeros(double[] expected, double[] actual)
    {
        Assert.Contains(expected, c => c == 0);
        Assert.Equal(expected.Select(c => c == 0), actual.Select(c => c == 0));
    }
}
