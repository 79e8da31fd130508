using Tessera.Arrays;
using Tessera.ML.ModelSelection;
using Tessera.ML.Preprocessing;

namespace Tessera.ML.Tests;

/// <summary>Scalers and polynomial features against scikit-learn on the same data (203 rows in blocks of 50).</summary>
public sealed class PreprocessingTests : IClassFixture<PreprocessingTests.Reference>
{
    private const int N = 203;
    private const int D = 4;
    private readonly Reference _reference;

    public PreprocessingTests(Reference reference) => _reference = reference;

    /// <summary>The data (column 2 constant, columns on different scales) and scikit-learn's results for them.</summary>
    public sealed class Reference : IDisposable
    {
        private readonly SklearnOracle _oracle = new();

        public Reference()
        {
            var values = TestData.Normal(N * D, seed: 1);
            for (var i = 0; i < N; i++)
            {
                values[i * D] = 1000 + 50 * values[i * D];
                values[i * D + 2] = 7.5;
            }
            Values = values;
            _oracle.Write("x", values);
            Results = _oracle.Run($$"""
                from sklearn.preprocessing import StandardScaler, MinMaxScaler, PolynomialFeatures
                x = load('x', {{D}})
                s = StandardScaler().fit(x)
                out['mean'], out['var'], out['scale'], out['standard'] = s.mean_, s.var_, s.scale_, s.transform(x)
                m = MinMaxScaler(feature_range=(-1, 2)).fit(x)
                out['minmax'], out['minmax_scale'], out['minmax_min'] = m.transform(x), m.scale_, m.min_
                out['poly'] = PolynomialFeatures(degree=3).fit_transform(x)
                out['interaction'] = PolynomialFeatures(degree=2, interaction_only=True, include_bias=False).fit_transform(x)
                """);
        }

        public double[] Values { get; }

        public Dictionary<string, double[]> Results { get; }

        public void Dispose() => _oracle.Dispose();
    }

    private BlockedArray<double> X => TestData.Matrix(_reference.Values, N, D, 50);

    [Fact]
    public void StandardScaler_FitAndTransform_MatchScikitLearn()
    {
        var scaler = new StandardScaler().Fit(X);
        TestData.Close(_reference.Results["mean"], scaler.Mean!, 1e-13, what: "mean");
        TestData.Close(_reference.Results["var"], scaler.Var!, 1e-12, what: "var");
        TestData.Close(_reference.Results["scale"], scaler.Scale!, 1e-12, what: "scale");
        TestData.Close(_reference.Results["standard"], TestData.ToArray(scaler.Transform(X).Compute()), 1e-11, what: "transform");
    }

    [Fact]
    public void StandardScaler_OnFloat_MatchesDoubleToFloatPrecision()
    {
        var x = BlockedArray.FromArray(_reference.Values.Select(v => (float)v).ToArray(), [N, D], ChunkSpec.Create([64, D]));
        var transformed = TestData.ToArray(new StandardScaler().FitTransform(x).Compute());
        TestData.Close(_reference.Results["standard"], transformed, 1e-4, what: "float transform");
    }

    [Fact]
    public void StandardScaler_InverseTransform_RoundTrips()
    {
        var scaler = new StandardScaler().Fit(X);
        TestData.Close(_reference.Values, TestData.ToArray(scaler.InverseTransform(scaler.Transform(X)).Compute()), 1e-12);
    }

    [Fact]
    public void MinMaxScaler_WithRange_MatchesScikitLearn()
    {
        var scaler = new MinMaxScaler { FeatureRange = (-1, 2) }.Fit(X);
        TestData.Close(_reference.Results["minmax_scale"], scaler.Scale!, 1e-13, what: "scale");
        TestData.Close(_reference.Results["minmax_min"], scaler.Min!, 1e-13, what: "min");
        TestData.Close(_reference.Results["minmax"], TestData.ToArray(scaler.Transform(X).Compute()), 1e-12, what: "transform");
    }

    [Fact]
    public void PolynomialFeatures_Degree3AndInteractions_MatchScikitLearn()
    {
        var cubic = new PolynomialFeatures { Degree = 3 }.FitTransform(X);
        Assert.Equal([N, 35L], cubic.Shape);
        TestData.Close(_reference.Results["poly"], TestData.ToArray(cubic.Compute()), 1e-13, what: "degree 3");
        var pairs = new PolynomialFeatures { InteractionOnly = true, IncludeBias = false }.FitTransform(X);
        TestData.Close(_reference.Results["interaction"], TestData.ToArray(pairs.Compute()), 1e-13, what: "interactions");
    }

    [Fact]
    public void Transform_BeforeFit_SaysToFit()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new StandardScaler().Transform(X));
        Assert.Contains("Fit", error.Message);
    }

    [Fact]
    public void Transform_WithOtherFeatureCount_NamesBothCounts()
    {
        var scaler = new MinMaxScaler().Fit(X);
        var other = TestData.Matrix(new double[30], 10, 3, 5);
        var error = Assert.Throws<ArgumentException>(() => scaler.Transform(other));
        Assert.Contains("4 features", error.Message);
        Assert.Contains("3", error.Message);
    }

    [Fact]
    public void TrainTestSplit_Blockwise_PartitionsRowsReproducibly()
    {
        // Row i of X holds i in every column and y holds i: the split must keep rows whole and aligned.
        const int n = 103;
        var x = TestData.Matrix([.. Enumerable.Range(0, n * 2).Select(v => (double)(v / 2))], n, 2, 20);
        var y = TestData.Vector([.. Enumerable.Range(0, n).Select(v => (double)v)], 20);
        var split = Split.TrainTest(x, y, testSize: 0.25, seed: 7);
        // Blocks of 20, 20, 20, 20, 20, 3: ⌈0.25·20⌉ = 5 and ⌈0.75⌉ = 1 test rows.
        Assert.Equal([26L, 2], split.XTest.Shape);
        Assert.Equal([77L, 2], split.XTrain.Shape);
        var xTrain = TestData.ToArray(split.XTrain.Compute());
        var yTrain = TestData.ToArray(split.YTrain.Compute());
        var yTest = TestData.ToArray(split.YTest.Compute());
        Assert.Equal(Enumerable.Range(0, 77).Select(i => xTrain[2 * i]), yTrain);
        Assert.Equal(Enumerable.Range(0, n).Select(v => (double)v), yTrain.Concat(yTest).Order());
        // Every test row comes from its own block: rows stay in their blocks.
        Assert.Equal(5, yTest.Count(v => v < 20));
        Assert.NotEqual(Enumerable.Range(0, 5).Select(v => (double)v), yTest.Take(5));
        var again = Split.TrainTest(x, y, testSize: 0.25, seed: 7);
        Assert.Equal(yTest, TestData.ToArray(again.YTest.Compute()));
        var other = Split.TrainTest(x, y, testSize: 0.25, seed: 8);
        Assert.NotEqual(yTest, TestData.ToArray(other.YTest.Compute()));
    }

    [Fact]
    public void TrainTestSplit_WithoutShuffle_HoldsOutEachBlocksLastRows()
    {
        var x = TestData.Matrix([.. Enumerable.Range(0, 40).Select(v => (double)v)], 40, 1, 10);
        var y = TestData.Vector([.. Enumerable.Range(0, 40).Select(v => (double)v)], 10);
        var split = Split.TrainTest(x, y, testSize: 0.2, shuffle: false);
        Assert.Equal([8.0, 9, 18, 19, 28, 29, 38, 39], TestData.ToArray(split.YTest.Compute()));
    }

    [Fact]
    public void TrainTestSplit_BadTestSize_SaysWhatIsAllowed()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Split.TrainTest(X, TestData.Vector(new double[N], 50), testSize: 1.5));
        Assert.Contains("(0, 1)", error.Message);
    }
}
