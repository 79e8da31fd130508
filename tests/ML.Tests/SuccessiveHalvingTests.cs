using System.Numerics.Tensors;
using Tessera.ML.ModelSelection;
using Tessera.ML.Wrappers;

namespace Tessera.ML.Tests;

/// <summary>
/// Successive halving on a model whose score is known in closed form, so the survivors of every round,
/// the budgets and the scores are exact expectations.
/// </summary>
public sealed class SuccessiveHalvingTests
{
    /// <summary>A shrunk running mean Σy / (rows + shrink), which records the first target of every block it is fed.</summary>
    private sealed class ShrunkMean(double shrink) : IIncrementalModel<double>
    {
        private double _sum;
        private double _rows;

        public double Shrink { get; } = shrink;

        public List<double> BlocksFed { get; } = [];

        public double Estimate => _sum / (_rows + Shrink);

        public double Rows => _rows;

        public void PartialFit(Tensor<double> x, Tensor<double> y)
        {
            var values = TestData.ToArray(y);
            BlocksFed.Add(values[0]);
            _sum += values.Sum();
            _rows += values.Length;
        }
    }

    // 25 rows in 5 blocks of 5; every target is 1, so the estimate's error is shrink / (rows + shrink).
    private static (Tessera.Arrays.BlockedArray<double> X, Tessera.Arrays.BlockedArray<double> Y) Data() =>
        (TestData.Matrix(new double[25], 25, 1, 5), TestData.Vector([.. Enumerable.Repeat(1.0, 25)], 5));

    private static double Score(ShrunkMean model) => -Math.Abs(model.Estimate - 1);

    [Fact]
    public void NineCandidates_EtaThree_KeepThirdsWithThreeTimesTheBlocks()
    {
        var (x, y) = Data();
        var space = new Dictionary<string, object[]> { ["shrink"] = [.. Enumerable.Range(0, 9).Select(s => (object)(double)s)] };
        var created = new List<ShrunkMean>();
        var result = ModelSearch.SuccessiveHalving<double, ShrunkMean>(space, candidates: 9,
            p =>
            {
                var model = new ShrunkMean((double)p["shrink"]);
                lock (created)
                {
                    created.Add(model);
                }
                return model;
            },
            Score, x, y, initialBlocks: 1, eta: 3, seed: 5);

        Assert.Equal([1, 3, 9], result.Rounds.Select(r => r.Blocks));
        Assert.Equal([9, 3, 1], result.Rounds.Select(r => r.Scores.Count));
        // Larger shrink is always worse, so each round keeps the smallest shrinks, best first, with exact scores.
        int[][] survivors = [[0, 1, 2, 3, 4, 5, 6, 7, 8], [0, 1, 2], [0]];
        for (var round = 0; round < 3; round++)
        {
            var rows = 5.0 * result.Rounds[round].Blocks;
            Assert.Equal(survivors[round].Select(s => (double)s), result.Rounds[round].Scores.Select(c => (double)c.Parameters["shrink"]));
            // Σy = rows exactly, so the estimate is rows / (rows + shrink).
            Assert.Equal(survivors[round].Select(s => -Math.Abs(rows / (rows + s) - 1)), result.Rounds[round].Scores.Select(c => c.Score));
        }
        Assert.Equal(0.0, result.BestParameters["shrink"]);
        Assert.Equal(0.0, result.BestScore);
        // Every candidate was fed exactly its last round's budget, blocks in order and again from the first.
        Assert.Equal(9, created.Count);
        foreach (var model in created)
        {
            var budget = model.Shrink == 0 ? 9 : model.Shrink <= 2 ? 3 : 1;
            Assert.Equal(5.0 * budget, model.Rows);
            Assert.Equal(model.BlocksFed.Count, budget);
        }
        Assert.Same(created.Single(m => m.Shrink == 0), result.BestModel);
    }

    [Fact]
    public void BlocksAreFedInOrderAndCycle()
    {
        var x = TestData.Matrix([.. Enumerable.Range(0, 20).Select(i => (double)i)], 20, 1, 5);
        var y = TestData.Vector([.. Enumerable.Range(0, 20).Select(i => (double)i)], 5);
        var space = new Dictionary<string, object[]> { ["shrink"] = [0.0, 1.0] };
        var result = ModelSearch.SuccessiveHalving<double, ShrunkMean>(space, candidates: 2, p => new ShrunkMean((double)p["shrink"]),
            Score, x, y, initialBlocks: 3, eta: 2);
        // Two candidates, eta 2: 2 at 3 blocks, then 1 at 6 blocks (4 blocks, so the first two again).
        Assert.Equal([3, 6], result.Rounds.Select(r => r.Blocks));
        Assert.Equal([0.0, 5, 10, 15, 0, 5], result.BestModel.BlocksFed);
    }

    [Fact]
    public void BadEta_SaysWhatItNeeds()
    {
        var (x, y) = Data();
        var space = new Dictionary<string, object[]> { ["shrink"] = [0.0] };
        var error = Assert.Throws<ArgumentException>(() =>
            ModelSearch.SuccessiveHalving<double, ShrunkMean>(space, 1, _ => new ShrunkMean(0), Score, x, y, eta: 1));
        Assert.Contains("eta = 1", error.Message);
        Assert.Contains("eta ≥ 2", error.Message);
    }
}
