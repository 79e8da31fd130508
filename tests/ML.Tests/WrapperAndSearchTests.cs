using System.Numerics.Tensors;
using Tessera.Arrays;
using Tessera.ML.Linear;
using Tessera.ML.ModelSelection;
using Tessera.ML.Wrappers;

namespace Tessera.ML.Tests;

/// <summary>ParallelPostFit, Incremental, k-fold and the searches (no oracle: exact expectations).</summary>
public sealed class WrapperAndSearchTests
{
    private static BlockedArray<double> Rows(int n, int d, int block) =>
        TestData.Matrix([.. Enumerable.Range(0, n * d).Select(v => (double)v)], n, d, block);

    [Fact]
    public void ParallelPostFit_Predict_AppliesTheModelToEveryBlock()
    {
        var blocksSeen = 0;
        var wrapper = new ParallelPostFit<double>(block =>
        {
            Interlocked.Increment(ref blocksSeen);
            var rows = (int)block.Lengths[0];
            return Tensor.Create(Enumerable.Range(0, rows).Select(r => block[r, 0] + block[r, 1]).ToArray(), [rows]);
        });
        var predictions = TestData.ToArray(wrapper.Predict(Rows(25, 2, 10)).Compute());
        Assert.Equal(Enumerable.Range(0, 25).Select(r => (double)(4 * r + 1)), predictions);
        Assert.Equal(3, blocksSeen);
    }

    [Fact]
    public void ParallelPostFit_Transform_WrongOutputShape_NamesTheShapes()
    {
        var wrapper = new ParallelPostFit<double>(block => Tensor.Create(new double[3], [3]));
        var error = Assert.Throws<TaskFailedException>(() => wrapper.Transform(Rows(20, 2, 10), outputs: 2).Compute());
        Assert.Contains("10 × 2", error.InnerException!.Message);
    }

    private sealed class RunningSum : IIncrementalModel<double>
    {
        public List<double> FirstValues { get; } = [];

        public double Total { get; private set; }

        public void PartialFit(Tensor<double> x, Tensor<double> y)
        {
            FirstValues.Add(x[0, 0]);
            Total += TestData.ToArray(y).Sum();
        }
    }

    [Fact]
    public void Incremental_FeedsBlocksInOrder_ForEachEpoch()
    {
        var model = new RunningSum();
        var y = TestData.Vector([.. Enumerable.Range(0, 25).Select(v => (double)v)], 7);
        new Incremental<double>(model) { Epochs = 2 }.Fit(Rows(25, 2, 10), y);
        Assert.Equal([0.0, 20, 40, 0, 20, 40], model.FirstValues);
        Assert.Equal(2 * 300.0, model.Total);
    }

    [Fact]
    public void KFold_Folds_PartitionTheRows()
    {
        var y = TestData.Vector([.. Enumerable.Range(0, 23).Select(v => (double)v)], 5);
        var folds = KFold.Split(Rows(23, 1, 5), y, folds: 4);
        Assert.Equal([6L, 6, 6, 5], folds.Select(f => f.YTest.Shape[0]));
        var tests = folds.SelectMany(f => TestData.ToArray(f.YTest.Compute())).ToArray();
        Assert.Equal(Enumerable.Range(0, 23).Select(v => (double)v), tests);
        foreach (var fold in folds)
        {
            var train = TestData.ToArray(fold.YTrain.Compute());
            Assert.Equal(23, train.Length + fold.YTest.Shape[0]);
            Assert.Empty(train.Intersect(TestData.ToArray(fold.YTest.Compute())));
            Assert.Equal(train, TestData.ToArray(fold.XTrain.Compute()));
        }
    }

    private static (BlockedArray<double> X, BlockedArray<double> Y) Regression()
    {
        const int n = 200;
        var x = TestData.Normal(n * 3, seed: 41);
        var y = Enumerable.Range(0, n).Select(i => 2 * x[i * 3] - x[i * 3 + 1] + 0.5 * x[i * 3 + 2]).ToArray();
        return (TestData.Matrix(x, n, 3, 50), TestData.Vector(y, 50));
    }

    private static double RidgeScore(IReadOnlyDictionary<string, object> p, Fold<double> fold) =>
        new LinearRegression { Penalty = Penalty.L2, Alpha = (double)p["alpha"] }.Fit(fold.XTrain, fold.YTrain).Score(fold.XTest, fold.YTest);

    [Fact]
    public void GridSearch_OnNoiselessData_PrefersTheWeakestPenalty()
    {
        var (x, y) = Regression();
        var space = new Dictionary<string, object[]> { ["alpha"] = [100.0, 0.001, 10.0] };
        var result = ModelSearch.Grid<double>(space, RidgeScore, x, y, folds: 4);
        Assert.Equal(3, result.Candidates.Count);
        Assert.Equal(0.001, (double)result.Best.Parameters["alpha"]);
        Assert.All(result.Candidates, c => Assert.Equal(4, c.FoldScores.Count));
        Assert.True(result.Best.MeanScore > 0.999);
        Assert.True(result.Candidates[0].MeanScore < result.Candidates[2].MeanScore);
    }

    [Fact]
    public void RandomizedSearch_TriesDistinctCandidates_Reproducibly()
    {
        var (x, y) = Regression();
        var space = new Dictionary<string, object[]> { ["alpha"] = [0.01, 0.1, 1.0, 10.0, 100.0, 1000.0] };
        var first = ModelSearch.Randomized<double>(space, RidgeScore, x, y, candidates: 3, seed: 5, folds: 3);
        var second = ModelSearch.Randomized<double>(space, RidgeScore, x, y, candidates: 3, seed: 5, folds: 3);
        var alphas = first.Candidates.Select(c => (double)c.Parameters["alpha"]).ToArray();
        Assert.Equal(3, alphas.Distinct().Count());
        Assert.Equal(alphas, second.Candidates.Select(c => (double)c.Parameters["alpha"]));
        Assert.Equal(alphas.Min(), (double)first.Best.Parameters["alpha"]);
    }

    [Fact]
    public void GridSearch_EmptySpace_ShowsAnExample()
    {
        var (x, y) = Regression();
        var error = Assert.Throws<ArgumentException>(() => ModelSearch.Grid<double>(new Dictionary<string, object[]>(), RidgeScore, x, y));
        Assert.Contains("e.g.", error.Message);
    }
}
