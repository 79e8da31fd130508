using System.Diagnostics;
using System.Numerics.Tensors;
using Tessera.Arrays;
using Tessera.ML.Linear;
using Tessera.ML.ModelSelection;
using Tessera.ML.Preprocessing;

namespace Tessera.Samples.Tutorial;

/// <summary>
/// The machine-learning exercise that ends the Dask tutorial (dask-ml): a classification data
/// set generated block by block (nothing holds all of it; with --ml-rows it can exceed memory),
/// scaled, split blockwise, a logistic regression fitted by blocked Newton steps and scored,
/// then a randomized search over its regularisation with 3-fold cross-validation.
/// </summary>
internal static class MLPart
{
    private const int Features = 20;

    public static void Run(long rows, long rowsPerBlock = 100_000)
    {
        Console.WriteLine();
        Console.WriteLine("== Machine learning: logistic regression on blocked arrays ==");
        var (x, y) = Classification(rows, rowsPerBlock);
        Console.WriteLine($"X: {x}, y: {y}");

        var watch = Stopwatch.StartNew();
        var scaler = new StandardScaler().Fit(x);                              // one blocked pass: means and variances
        var scaled = scaler.Transform(x);                                      // lazy: (x - mean) / std per block
        var split = Split.TrainTest(scaled, y, testSize: 0.2, seed: 0);        // lazy, blockwise and seeded
        Console.WriteLine($"scaled and split ({watch.Elapsed.TotalSeconds:F2} s): train {split.XTrain.Shape[0]:N0} rows, test {split.XTest.Shape[0]:N0}");

        watch.Restart();
        var model = new LogisticRegression { Penalty = Penalty.L2, C = 1.0 }.Fit(split.XTrain, split.YTrain);
        Console.WriteLine($"fitted in {watch.Elapsed.TotalSeconds:F2} s ({model.Iterations} Newton passes over the blocks)");
        Console.WriteLine($"coefficients: [{string.Join(", ", model.Coef!.Take(5).Select(c => c.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}, ...]");
        Console.WriteLine($"test accuracy: {model.Score(split.XTest, split.YTest):P2}");

        // The search runs candidate × fold fits as parallel tasks on a sample that fits in memory.
        watch.Restart();
        var sampleRows = Math.Min(split.XTrain.Shape[0], 50_000);
        var sampleX = split.XTrain.Slice(0, 0, sampleRows).Persist();
        var sampleY = split.YTrain.Slice(0, 0, sampleRows).Persist();
        var space = new Dictionary<string, object[]> { ["C"] = [0.0001, 0.001, 0.01, 0.1, 1.0, 10.0] };
        var search = ModelSearch.Randomized<double>(space, (p, fold) =>
            new LogisticRegression { Penalty = Penalty.L2, C = (double)p["C"] }.Fit(fold.XTrain, fold.YTrain).Score(fold.XTest, fold.YTest),
            sampleX, sampleY, candidates: 4, seed: 0, folds: 3);
        foreach (var candidate in search.Candidates)
        {
            Console.WriteLine($"  C = {candidate.Parameters["C"],-7} mean accuracy {candidate.MeanScore:P2}");
        }
        Console.WriteLine($"randomized search ({watch.Elapsed.TotalSeconds:F2} s): best C = {search.Best.Parameters["C"]}");
    }

    /// <summary>
    /// Features x ~ N(0, 1) on different scales and labels from a logistic model, made per block
    /// from a seed, so any block can be (re)made alone: X and y are never whole in memory.
    /// </summary>
    private static (BlockedArray<double> X, BlockedArray<double> Y) Classification(long rows, long rowsPerBlock)
    {
        (double[] X, double[] Y) Make(int block, long count)
        {
            var random = new Random(1000 + block);
            var x = new double[count * Features];
            var y = new double[count];
            for (var i = 0; i < count; i++)
            {
                var eta = 0.25;
                for (var j = 0; j < Features; j++)
                {
                    var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    x[i * Features + j] = 10 * j + (j + 1) * z;                    // unscaled: the scaler has work to do
                    eta += (j % 3 - 1) * z;
                }
                y[i] = random.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
            }
            return (x, y);
        }
        var x = BlockedArray.FromFunction<double>([rows, Features], ChunkSpec.Create([rowsPerBlock, Features]),
            (index, shape) => Tensor.Create(Make(index[0], shape[0]).X, [(nint)shape[0], Features]), name: $"classification-x-{rows}");
        var y = BlockedArray.FromFunction<double>([rows], ChunkSpec.Create([rowsPerBlock]),
            (index, shape) => Tensor.Create(Make(index[0], shape[0]).Y, [(nint)shape[0]]), name: $"classification-y-{rows}");
        return (x, y);
    }
}
