using Tessera.Arrays;
using Tessera.ML.Cluster;

namespace Tessera.ML.Tests;

/// <summary>k-means on generated blobs against scikit-learn's best of 10 k-means++ runs.</summary>
public sealed class KMeansTests : IClassFixture<KMeansTests.Reference>
{
    private const int N = 3000;
    private const int D = 6;
    private const int K = 5;
    private readonly Reference _reference;

    public KMeansTests(Reference reference) => _reference = reference;

    public sealed class Reference : IDisposable
    {
        private readonly SklearnOracle _oracle = new();

        public Reference()
        {
            // Five overlapping blobs (spread 2.5 around centers in [-10, 10]): inertia depends on the local optimum found.
            var random = new Random(21);
            var centers = Enumerable.Range(0, 5 * D).Select(_ => random.NextDouble() * 20 - 10).ToArray();
            var noise = TestData.Normal(N * D, seed: 22, std: 2.5);
            X = new double[N * D];
            for (var i = 0; i < N; i++)
            {
                var c = random.Next(5);
                for (var j = 0; j < D; j++)
                {
                    X[i * D + j] = centers[c * D + j] + noise[i * D + j];
                }
            }
            _oracle.Write("x", X);
            Results = _oracle.Run($$"""
                from sklearn.cluster import KMeans
                x = load('x', {{D}})
                out['inertia'] = [KMeans(n_clusters={{K}}, n_init=10, random_state=0).fit(x).inertia_]
                out['k8'] = [KMeans(n_clusters=8, n_init=10, random_state=0).fit(x).inertia_]
                """);
        }

        public double[] X { get; }

        public Dictionary<string, double[]> Results { get; }

        public void Dispose() => _oracle.Dispose();
    }

    private BlockedArray<double> X => TestData.Matrix(_reference.X, N, D, 700);

    [Theory]
    [InlineData(K, "inertia", 0)]
    [InlineData(K, "inertia", 1)]
    [InlineData(8, "k8", 2)]
    public void Fit_InertiaWithinOnePercentOfScikitLearnBestOfTen(int k, string key, int seed)
    {
        var model = new KMeans { Clusters = k, Seed = seed }.Fit(X);
        var best = _reference.Results[key][0];
        Assert.True(model.Inertia <= best * 1.01, $"inertia {model.Inertia:R}, scikit-learn's best of 10 {best:R}");
        Assert.True(model.Iterations < 300);
    }

    [Fact]
    public void Fit_InertiaIsTheSumOfSquaredDistancesToPredictedCenters()
    {
        var model = new KMeans { Clusters = K }.Fit(X);
        var labels = model.Predict(X).Compute();
        var centers = model.ClusterCenters!;
        var total = 0.0;
        var labelValues = TestData.ToArray(labels);
        for (var i = 0; i < N; i++)
        {
            var c = (int)labelValues[i];
            var nearest = Enumerable.Range(0, K).Select(o => Squared(i, o, centers)).Min();
            Assert.Equal(nearest, Squared(i, c, centers), 1e-9);
            total += nearest;
        }
        Assert.Equal(total, model.Inertia, total * 1e-12);
        // Every center is the mean of its rows (Lloyd converged).
        for (var c = 0; c < K; c++)
        {
            var rows = Enumerable.Range(0, N).Where(i => (int)labelValues[i] == c).ToArray();
            Assert.NotEmpty(rows);
            for (var j = 0; j < D; j++)
            {
                Assert.Equal(rows.Average(i => _reference.X[i * D + j]), centers[c * D + j], 0.05);
            }
        }
    }

    [Fact]
    public void Fit_OnFloatAndAnotherChunking_FindsTheSameClustering()
    {
        var reference = new KMeans { Clusters = K }.Fit(X).Inertia;
        var x = BlockedArray.FromArray(_reference.X.Select(v => (float)v).ToArray(), [N, D], ChunkSpec.Create([333, D]));
        var model = new KMeans { Clusters = K }.Fit(x);
        Assert.Equal(reference, model.Inertia, reference * 0.01);
    }

    [Fact]
    public void Fit_MoreClustersThanRows_SaysTheLimit()
    {
        var small = TestData.Matrix(new double[12], 4, 3, 2);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans { Clusters = 5 }.Fit(small));
        Assert.Contains("samples (4)", error.Message);
    }

    private double Squared(int row, int center, double[] centers) =>
        Enumerable.Range(0, D).Sum(j => Math.Pow(_reference.X[row * D + j] - centers[center * D + j], 2));
}
