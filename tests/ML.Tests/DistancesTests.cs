using Tessera.ML.Cluster;

namespace Tessera.ML.Tests;

/// <summary>
/// The nearest-center kernel and the block moments behind KMeans, against scikit-learn's
/// <c>pairwise_distances_argmin_min</c> and NumPy's variance on the same data.
/// </summary>
public sealed class DistancesTests : IClassFixture<DistancesTests.Reference>
{
    // Rows not a multiple of the kernel's four, center counts on both sides of every vector width.
    private const int Rows = 1003;
    private const int D = 7;
    private static readonly int[] CenterCounts = [1, 3, 8, 13, 81];
    private readonly Reference _reference;

    public DistancesTests(Reference reference) => _reference = reference;

    public sealed class Reference : IDisposable
    {
        private readonly SklearnOracle _oracle = new();

        public Reference()
        {
            X = TestData.Normal(Rows * D, seed: 31, std: 3);
            _oracle.Write("x", X);
            var script = new System.Text.StringBuilder("""
                from sklearn.metrics import pairwise_distances_argmin_min
                x = load('x', 7)
                """ + "\n");
            foreach (var m in CenterCounts)
            {
                Centers[m] = TestData.Normal(m * D, seed: 40 + m, std: 3);
                _oracle.Write($"c{m}", Centers[m]);
                script.AppendLine($"labels, dist = pairwise_distances_argmin_min(x, load('c{m}', 7))");
                script.AppendLine($"out['labels{m}'] = labels");
                script.AppendLine($"out['dist{m}'] = dist ** 2");
            }
            // A large common offset: the variance must not cancel away.
            script.AppendLine("out['var'] = [np.var(x + 1e6, axis=0).mean()]");
            Results = _oracle.Run(script.ToString());
        }

        public double[] X { get; }

        public Dictionary<int, double[]> Centers { get; } = [];

        public Dictionary<string, double[]> Results { get; }

        public void Dispose() => _oracle.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(81)]
    public void Nearest_MatchesScikitLearnsArgminAndSquaredDistance(int m)
    {
        var panel = new CenterPanel(_reference.Centers[m], m, D);
        var labels = new int[Rows];
        var nearest = new double[Rows];
        Distances.Nearest(_reference.X, Rows, panel, labels, nearest);
        Assert.Equal(_reference.Results[$"labels{m}"].Select(v => (int)v), labels);
        TestData.Close(_reference.Results[$"dist{m}"], nearest, rtol: 1e-10, floor: 1e-8, what: $"squared distances to {m} centers");
    }

    [Fact]
    public void Nearest_RejectsTooShortOutputs()
    {
        var panel = new CenterPanel(_reference.Centers[3], 3, D);
        var error = Assert.Throws<ArgumentException>(() => Distances.Nearest(_reference.X, Rows, panel, new int[Rows - 1], new double[Rows]));
        Assert.Contains($"{Rows} outputs", error.Message);
    }

    [Fact]
    public void BlockMoments_CombineToNumPysVarianceDespiteAnOffset()
    {
        var shifted = _reference.X.Select(v => v + 1e6).ToArray();
        // Uneven blocks, each summarised alone and written as a Gather part would carry it.
        int[] sizes = [1, 400, 2, 600];
        var parts = new List<double[]>();
        var start = 0;
        foreach (var size in sizes)
        {
            var block = shifted.AsSpan(start * D, size * D);
            var moments = new BlockMoments(block, D);
            moments.Add(block, size);
            var part = new double[1 + 2 * D];
            moments.WriteTo(part, size);
            parts.Add(part);
            start += size;
        }
        Assert.Equal(Rows, start);
        var variance = BlockMoments.MeanVariance([.. parts], 0, D);
        Assert.Equal(_reference.Results["var"][0], variance, _reference.Results["var"][0] * 1e-9);
    }
}
