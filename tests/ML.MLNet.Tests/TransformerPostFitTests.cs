using Microsoft.ML;
using Microsoft.ML.Data;
using Tessera.Arrays;
using Tessera.ML.Wrappers;

namespace Tessera.ML.MLNet.Tests;

/// <summary>
/// An ML.NET model trained here on small data, applied block by block through <see cref="TransformerPostFit"/>:
/// the blocked predictions must equal the model's own predictions on the same rows, bit for bit.
/// </summary>
public sealed class TransformerPostFitTests
{
    private const int N = 203;
    private const int D = 4;

    public sealed class Example
    {
        [VectorType(D)]
        public float[] Features { get; set; } = [];

        public float Target { get; set; }

        public bool Label { get; set; }
    }

    private static (float[] Values, Example[] Rows) Data()
    {
        var random = new Random(7);
        var values = new float[N * D];
        var rows = new Example[N];
        for (var i = 0; i < N; i++)
        {
            var features = new float[D];
            for (var j = 0; j < D; j++)
            {
                features[j] = values[i * D + j] = (float)(2 * random.NextDouble() - 1);
            }
            var signal = 1.5f * features[0] - 2f * features[1] + 0.5f * features[2] + 0.3f;
            rows[i] = new Example { Features = features, Target = signal + 0.1f * (float)random.NextDouble(), Label = signal + 0.5f * (float)(random.NextDouble() - 0.5) > 0 };
        }
        return (values, rows);
    }

    private static float[] Own<TValue>(MLContext context, ITransformer model, Example[] rows, string column, Func<TValue, float> convert) =>
        [.. model.Transform(context.Data.LoadFromEnumerable(rows)).GetColumn<TValue>(column).Select(convert)];

    private static float[] Blocked(BlockedArray<float> predictions)
    {
        var values = new float[predictions.Shape.Aggregate(1L, (a, b) => a * b)];
        predictions.Compute().FlattenTo(values);
        return values;
    }

    [Fact]
    public void Regression_ScoreByBlocks_EqualsTheModelsOwnPredictions()
    {
        var (values, rows) = Data();
        var context = new MLContext(seed: 1);
        var model = context.Regression.Trainers.Sdca(labelColumnName: nameof(Example.Target), maximumNumberOfIterations: 50)
            .Fit(context.Data.LoadFromEnumerable(rows));
        var x = BlockedArray.FromArray(values, [N, D], ChunkSpec.Create([50, D]));
        var predictions = TransformerPostFit.Create(model).Predict(x);
        Assert.Equal(5, predictions.Chunks.BlockCounts[0]);
        var expected = Own<float>(context, model, rows, "Score", v => v);
        Assert.Equal(expected, Blocked(predictions));
        // A real fit, not a constant: the scores follow the target.
        Assert.True(expected.Distinct().Count() > N / 2);
    }

    [Fact]
    public void BinaryClassifier_LabelAndProbabilityByBlocks_EqualTheModelsOwn()
    {
        var (values, rows) = Data();
        var context = new MLContext(seed: 1);
        var model = context.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: nameof(Example.Label))
            .Fit(context.Data.LoadFromEnumerable(rows));
        var x = BlockedArray.FromArray(values, [N, D], ChunkSpec.Create([64, D]));
        var labels = Blocked(TransformerPostFit.Create(model, "PredictedLabel").Predict(x));
        Assert.Equal(Own<bool>(context, model, rows, "PredictedLabel", v => v ? 1f : 0f), labels);
        Assert.Contains(0f, labels);
        Assert.Contains(1f, labels);
        var probability = Blocked(TransformerPostFit.Create(model, "Probability").Predict(x));
        Assert.Equal(Own<float>(context, model, rows, "Probability", v => v), probability);
        // Most labels are right: the model was trained, and the rows reached it in order.
        Assert.True(labels.Where((l, i) => (l == 1) == rows[i].Label).Count() > 0.8 * N);
    }

    [Fact]
    public void MissingOutputColumn_NamesTheColumnsThereAre()
    {
        var (values, rows) = Data();
        var context = new MLContext(seed: 1);
        var model = context.Regression.Trainers.Sdca(labelColumnName: nameof(Example.Target), maximumNumberOfIterations: 5)
            .Fit(context.Data.LoadFromEnumerable(rows));
        var x = BlockedArray.FromArray(values, [N, D], ChunkSpec.Create([100, D]));
        var error = Assert.Throws<TaskFailedException>(() => TransformerPostFit.Create(model, "Probability").Predict(x).Compute());
        Assert.Contains("no column 'Probability'", error.InnerException!.Message);
        Assert.Contains("'Score'", error.InnerException.Message);
    }
}
