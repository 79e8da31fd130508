using Tessera.Arrays;
using Tessera.ML.Decomposition;

namespace Tessera.ML.Tests;

/// <summary>PCA and TruncatedSVD against scikit-learn (components equal up to sign, to 1e-8).</summary>
public sealed class DecompositionTests : IClassFixture<DecompositionTests.Reference>
{
    private const int N = 500;
    private const int D = 8;
    private readonly Reference _reference;

    public DecompositionTests(Reference reference) => _reference = reference;

    public sealed class Reference : IDisposable
    {
        private readonly SklearnOracle _oracle = new();

        public Reference()
        {
            // Correlated columns with distinct variances, so the components are well separated.
            var z = TestData.Normal(N * D, seed: 31);
            X = new double[N * D];
            for (var i = 0; i < N; i++)
            {
                for (var j = 0; j < D; j++)
                {
                    X[i * D + j] = 5 + (D - j) * z[i * D + j] + (j > 0 ? 0.5 * z[i * D + j - 1] : 0);
                }
            }
            _oracle.Write("x", X);
            Results = _oracle.Run($$"""
                from sklearn.decomposition import PCA, TruncatedSVD
                x = load('x', {{D}})
                p = PCA(n_components=3, svd_solver='full').fit(x)
                out['components'], out['variance'], out['ratio'], out['singular'] = p.components_, p.explained_variance_, p.explained_variance_ratio_, p.singular_values_
                out['transform'] = p.transform(x)
                # TruncatedSVD's exact answer: the leading right singular vectors of x itself.
                u, s, vt = np.linalg.svd(x, full_matrices=False)
                out['svd_components'], out['svd_singular'] = vt[:2], s[:2]
                """);
        }

        public double[] X { get; }

        public Dictionary<string, double[]> Results { get; }

        public void Dispose() => _oracle.Dispose();
    }

    private BlockedArray<double> X => TestData.Matrix(_reference.X, N, D, 120);

    [Fact]
    public void Pca_Components_MatchScikitLearnUpToSign()
    {
        var pca = new PCA { Components = 3 }.Fit(X);
        var signs = AssertSameUpToSign(_reference.Results["components"], pca.ComponentsMatrix!, 3, 1e-8);
        TestData.Close(_reference.Results["variance"], pca.ExplainedVariance!, 1e-10, what: "explained variance");
        TestData.Close(_reference.Results["ratio"], pca.ExplainedVarianceRatio!, 1e-10, what: "ratio");
        TestData.Close(_reference.Results["singular"], pca.SingularValues!, 1e-10, what: "singular values");
        var projected = TestData.ToArray(pca.Transform(X).Compute());
        var expected = _reference.Results["transform"].Select((v, i) => v * signs[i % 3]).ToArray();
        TestData.Close(expected, projected, 1e-8, what: "transform");
    }

    [Fact]
    public void Pca_Gram_MatchesScikitLearnOnWellConditionedData()
    {
        var pca = new PCA { Components = 3, Solver = SvdSolver.Gram }.Fit(X);
        AssertSameUpToSign(_reference.Results["components"], pca.ComponentsMatrix!, 3, 1e-8);
        TestData.Close(_reference.Results["variance"], pca.ExplainedVariance!, 1e-9, what: "explained variance");
        TestData.Close(_reference.Results["ratio"], pca.ExplainedVarianceRatio!, 1e-9, what: "ratio");
    }

    [Fact]
    public void Pca_Randomized_FindsTheSameLeadingComponents()
    {
        var pca = new PCA { Components = 3, Solver = SvdSolver.Randomized, PowerIterations = 6 }.Fit(X);
        AssertSameUpToSign(_reference.Results["components"], pca.ComponentsMatrix!, 3, 1e-4);
        TestData.Close(_reference.Results["ratio"], pca.ExplainedVarianceRatio!, 1e-6, what: "ratio");
    }

    [Fact]
    public void TruncatedSvd_MatchesTheSvdOfXUpToSign()
    {
        var svd = new TruncatedSVD { Components = 2 }.Fit(X);
        AssertSameUpToSign(_reference.Results["svd_components"], svd.ComponentsMatrix!, 2, 1e-8);
        TestData.Close(_reference.Results["svd_singular"], svd.SingularValues!, 1e-10);
        Assert.Equal([N, 2L], svd.Transform(X).Shape);
    }

    [Fact]
    public void Pca_TooManyComponents_SaysTheLimit()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new PCA { Components = D + 1 }.Fit(X));
        Assert.Contains($"= {D}", error.Message);
    }

    /// <summary>Asserts each row equals the expected row or its negation; returns the signs.</summary>
    private static double[] AssertSameUpToSign(double[] expected, double[] actual, int rows, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var d = expected.Length / rows;
        var signs = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var e = expected.AsSpan(r * d, d).ToArray();
            var a = actual.AsSpan(r * d, d).ToArray();
            signs[r] = e.Zip(a).Sum(p => p.First * p.Second) < 0 ? -1 : 1;
            TestData.Close([.. e.Select(v => v * signs[r])], a, tolerance, what: $"component {r}");
        }
        return signs;
    }
}
