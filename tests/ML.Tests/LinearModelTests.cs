using Tessera.Arrays;
using Tessera.ML.Linear;

namespace Tessera.ML.Tests;

/// <summary>
/// Linear, logistic and Poisson regression against scikit-learn on the same well-conditioned
/// data (400 × 5 in blocks of 64, the last one uneven). scikit-learn runs with tight tolerances
/// (newton-cholesky, tol 1e-12) so its coefficients are exact enough to compare at 1e-6.
/// </summary>
public sealed partial class LinearModelTests : IClassFixture<LinearModelTests.Reference>
{
    private const int N = 400;
    private const int D = 5;
    private readonly Reference _reference;

    public LinearModelTests(Reference reference) => _reference = reference;

    public sealed class Reference : IDisposable
    {
        private readonly SklearnOracle _oracle = new();

        public Reference()
        {
            X = TestData.Normal(N * D, seed: 11);
            var noise = TestData.Normal(N, seed: 12);
            var uniform = new Random(13);
            double[] w = [1.5, -2.0, 0.5, 0.0, 0.8];
            Linear = new double[N];
            Labels = new double[N];
            Counts = new double[N];
            for (var i = 0; i < N; i++)
            {
                var eta = 0.3;
                for (var j = 0; j < D; j++)
                {
                    eta += w[j] * X[i * D + j];
                }
                Linear[i] = eta + 0.5 * noise[i];
                Labels[i] = uniform.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
                Counts[i] = Poisson(Math.Exp(0.3 * eta), uniform);
            }
            _oracle.Write("x", X);
            _oracle.Write("linear", Linear);
            _oracle.Write("labels", Labels);
            _oracle.Write("counts", Counts);
            Results = _oracle.Run($$"""
                from sklearn.linear_model import LinearRegression, Ridge, Lasso, LogisticRegression, PoissonRegressor
                x = load('x', {{D}})
                def put(name, m):
                    out[name + '_coef'] = np.ravel(m.coef_)
                    out[name + '_intercept'] = np.ravel(m.intercept_)
                put('ols', LinearRegression().fit(x, load('linear')))
                put('ols_noint', LinearRegression(fit_intercept=False).fit(x, load('linear')))
                put('ridge', Ridge(alpha=30.0, tol=1e-14).fit(x, load('linear')))
                put('lasso', Lasso(alpha=0.2, tol=1e-14, max_iter=100000).fit(x, load('linear')))
                put('logistic', LogisticRegression(penalty=None, solver='newton-cholesky', tol=1e-12, max_iter=1000).fit(x, load('labels')))
                lr = LogisticRegression(C=0.05, solver='newton-cholesky', tol=1e-12, max_iter=1000).fit(x, load('labels'))
                put('logistic_l2', lr)
                out['accuracy'] = [lr.score(x, load('labels'))]
                out['proba'] = lr.predict_proba(x)[:, 1]
                put('logistic_l1', LogisticRegression(penalty='l1', C=0.01, solver='liblinear', fit_intercept=False, tol=1e-12, max_iter=100000).fit(x, load('labels')))
                put('poisson', PoissonRegressor(alpha=0, solver='newton-cholesky', tol=1e-12, max_iter=1000).fit(x, load('counts')))
                put('poisson_l2', PoissonRegressor(alpha=0.05, solver='newton-cholesky', tol=1e-12, max_iter=1000).fit(x, load('counts')))
                """);
        }

        public double[] X { get; }

        public double[] Linear { get; }

        public double[] Labels { get; }

        public double[] Counts { get; }

        public Dictionary<string, double[]> Results { get; }

        public void Dispose() => _oracle.Dispose();

        private static double Poisson(double mean, Random random)
        {
            // Knuth's method: fine for the small means used here.
            var limit = Math.Exp(-mean);
            var k = 0;
            var p = random.NextDouble();
            while (p > limit)
            {
                k++;
                p *= random.NextDouble();
            }
            return k;
        }
    }

    private BlockedArray<double> X => TestData.Matrix(_reference.X, N, D, 64);

    private void AssertMatches(string name, GeneralizedLinearModel model, double rtol = 1e-6)
    {
        TestData.Close(_reference.Results[name + "_coef"], model.Coef!, rtol, floor: 1e-3, what: name + " coef");
        Assert.Equal(_reference.Results[name + "_intercept"][0], model.Intercept, rtol * Math.Max(1, Math.Abs(model.Intercept)));
    }

    [Fact]
    public void LinearRegression_Ols_MatchesScikitLearn()
    {
        AssertMatches("ols", new LinearRegression().Fit(X, TestData.Vector(_reference.Linear, 64)));
        var noIntercept = new LinearRegression { FitIntercept = false }.Fit(X, TestData.Vector(_reference.Linear, 64));
        TestData.Close(_reference.Results["ols_noint_coef"], noIntercept.Coef!, 1e-6, floor: 1e-3);
        Assert.Equal(0, noIntercept.Intercept);
    }

    [Fact]
    public void LinearRegression_RidgeAndLasso_MatchScikitLearn()
    {
        var y = TestData.Vector(_reference.Linear, 64);
        AssertMatches("ridge", new LinearRegression { Penalty = Penalty.L2, Alpha = 30 }.Fit(X, y));
        // scikit-learn's Lasso divides the squared error by n: its alpha is n times smaller.
        var lasso = new LinearRegression { Penalty = Penalty.L1, Alpha = 0.2 * N }.Fit(X, y);
        AssertMatches("lasso", lasso);
        Assert.Contains(lasso.Coef!, c => c == 0);
    }

    [Fact]
    public void LinearRegression_Score_IsRSquared()
    {
        var y = TestData.Vector(_reference.Linear, 64);
        var model = new LinearRegression().Fit(X, y);
        var predictions = TestData.ToArray(model.Predict(X).Compute());
        var mean = _reference.Linear.Average();
        var expected = 1 - predictions.Select((p, i) => Math.Pow(_reference.Linear[i] - p, 2)).Sum() /
            _reference.Linear.Sum(v => Math.Pow(v - mean, 2));
        Assert.Equal(expected, model.Score(X, y), 1e-12);
        Assert.InRange(expected, 0.9, 1);
    }

    [Fact]
    public void LogisticRegression_Unpenalised_MatchesScikitLearn()
    {
        var model = new LogisticRegression().Fit(X, TestData.Vector(_reference.Labels, 64));
        Assert.True(model.Converged);
        Assert.InRange(model.Iterations, 2, 15);
        AssertMatches("logistic", model);
    }

    [Fact]
    public void LogisticRegression_L2_MatchesScikitLearnAndPredicts()
    {
        var y = TestData.Vector(_reference.Labels, 64);
        var model = new LogisticRegression { Penalty = Penalty.L2, C = 0.05 }.Fit(X, y);
        AssertMatches("logistic_l2", model);
        TestData.Close(_reference.Results["proba"], TestData.ToArray(model.PredictProba(X).Compute()), 1e-6, floor: 1e-3);
        Assert.Equal(_reference.Results["accuracy"][0], model.Score(X, y), 1e-12);
    }

    [Fact]
    public void LogisticRegression_L1_MeetsTheLassoOptimalityConditions()
    {
        // scikit-learn's L1 solvers (liblinear, saga) penalise the intercept or stop early, so the check is
        // the optimality conditions themselves: with g = Σ(p − y)x and λ = 1/C, g_j = −λ·sign(w_j) where
        // w_j ≠ 0, |g_j| ≤ λ where w_j = 0, and Σ(p − y) = 0 for the unpenalised intercept.
        const double c = 0.01;
        var model = new LogisticRegression { Penalty = Penalty.L1, C = c }.Fit(X, TestData.Vector(_reference.Labels, 64));
        var p = TestData.ToArray(model.PredictProba(X).Compute());
        var residual = p.Select((v, i) => v - _reference.Labels[i]).ToArray();
        Assert.Equal(0, residual.Sum(), 1e-7);
        var zeros = 0;
        for (var j = 0; j < D; j++)
        {
            var g = Enumerable.Range(0, N).Sum(i => residual[i] * _reference.X[i * D + j]);
            if (model.Coef![j] == 0)
            {
                zeros++;
                Assert.True(Math.Abs(g) <= 1 / c + 1e-7, $"coef {j} is 0 but |gradient| = {Math.Abs(g)} > λ = {1 / c}");
            }
            else
            {
                Assert.Equal(-Math.Sign(model.Coef[j]) / c, g, 1e-6);
            }
        }
        Assert.InRange(zeros, 1, D - 1);
    }

    [Fact]
    public void PoissonRegression_MatchesScikitLearn()
    {
        var y = TestData.Vector(_reference.Counts, 64);
        AssertMatches("poisson", new PoissonRegression().Fit(X, y));
        AssertMatches("poisson_l2", new PoissonRegression { Penalty = Penalty.L2, Alpha = 0.05 }.Fit(X, y));
    }

    [Fact]
    public void LogisticRegression_OnFloat_AgreesWithDouble()
    {
        var x = BlockedArray.FromArray(_reference.X.Select(v => (float)v).ToArray(), [N, D], ChunkSpec.Create([100, D]));
        var y = BlockedArray.FromArray(_reference.Labels.Select(v => (float)v).ToArray(), [N], ChunkSpec.Create([100]));
        var model = new LogisticRegression().Fit(x, y);
        TestData.Close(_reference.Results["logistic_coef"], model.Coef!, 1e-5, floor: 1e-2);
    }

    [Fact]
    public void Fit_WithMismatchedTarget_SaysWhatWasExpected()
    {
        var error = Assert.Throws<ArgumentException>(() => new LinearRegression().Fit(X, TestData.Vector(new double[10], 5)));
        Assert.Contains($"({N})", error.Message);
        Assert.Contains("(10)", error.Message);
    }
}
