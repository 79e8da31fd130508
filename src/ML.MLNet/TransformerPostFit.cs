using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Tessera.ML.Wrappers;

/// <summary>
/// dask-ml's <c>ParallelPostFit</c> for a trained ML.NET model (an <see cref="ITransformer"/>): each row
/// block becomes an <see cref="IDataView"/> with one float vector column as wide as the block, the
/// model transforms it, and the named output column comes back as that block's output rows. Blocks
/// run in parallel as tasks, lazily, like any <see cref="ParallelPostFit{T}"/>.
/// </summary>
/// <remarks>
/// ML.NET works in float32: convert a double array with <c>x.Astype&lt;float&gt;()</c>. Output columns of
/// type float, double, bool (1 or 0), key (the 0-based class index, NaN for a missing key) and
/// known-size float vectors (use <see cref="ParallelPostFit{T}.Transform"/> with their size) are read.
/// </remarks>
public static class TransformerPostFit
{
    /// <summary>Wraps <paramref name="model"/>, reading <paramref name="outputColumn"/> from what it returns for each block.</summary>
    /// <param name="model">The trained model (a fitted pipeline or a single transformer).</param>
    /// <param name="outputColumn">The column to return: "Score", "PredictedLabel", "Probability" or any other the model makes.</param>
    /// <param name="inputColumn">The feature vector column the model was trained on (default "Features").</param>
    public static ParallelPostFit<float> Create(ITransformer model, string outputColumn = "Score", string inputColumn = "Features")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputColumn);
        var context = new MLContext();
        // MLContext makes no thread-safety promise; building the (lazy) views is cheap, so it is serialised
        // and only the cursor that runs the model runs in parallel.
        var gate = new Lock();
        return new ParallelPostFit<float>(block =>
        {
            var rows = (int)block.Lengths[0];
            var width = block.Rank == 1 ? 1 : (int)block.Lengths[1];
            var values = new float[block.FlattenedLength];
            block.FlattenTo(values);
            var input = Enumerable.Range(0, rows).Select(r => new FeatureRow { Features = values.AsSpan(r * width, width).ToArray() });
            var schema = SchemaDefinition.Create(typeof(FeatureRow));
            schema[0].ColumnName = inputColumn;
            schema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
            IDataView output;
            lock (gate)
            {
                output = model.Transform(context.Data.LoadFromEnumerable(input, schema));
            }
            var column = output.Schema.GetColumnOrNull(outputColumn) ?? throw new InvalidOperationException(
                $"The model's output has no column '{outputColumn}'; it has {string.Join(", ", output.Schema.Select(c => $"'{c.Name}'"))}. " +
                "Pass one of those as outputColumn.");
            var result = OutputReader.Read(output, column, rows, out var outputs);
            return Tensor.Create(result, [rows, outputs]);
        });
    }

    /// <summary>One input row: the block's row as the model's feature vector (the column is renamed and sized per block).</summary>
    internal sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
